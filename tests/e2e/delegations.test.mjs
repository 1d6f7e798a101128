// Browser test of the path of an outbound delegation (issue 6): an officer of Hà Nội
// (demo-officer-01) plans it through the form (a refused first try keeps every value, the "add a
// row" button adds a member row), a provincial leader of Hà Nội (demo-leader-01) approves it (the
// officer may not), and the officer records the departure, the return (the report falls due 10
// days later, moved to the next working day), the report, and the outcomes with a signed
// agreement of Hà Nội from the demo data, then finds it in the list and exports it. Debian's
// Chromium through playwright-core, against a throw-away server with the demo data
// (tests/e2e/support/server.mjs); each account in its own browser context.
//
// The server's clock is the real one: every step is dated "today" as the server sees it (the
// default of the step forms), and the trip starts today.
//
// Like the other browser tests, a test fails on any console error, page error, CSP violation,
// failed request or 4xx/5xx answer, except the refusals it provokes on purpose. Screenshots go to
// test-artifacts/screenshots/delegations-*.png.
//
// Run: node --test tests/e2e/delegations.test.mjs   (binary: $NGOAIVU_BIN, default build/release/ngoaivu)
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { launchChromium, loginInBrowser, repoRoot, startServer } from "./support/server.mjs";

const SCREENSHOTS = path.join(repoRoot, "test-artifacts", "screenshots");
const TIMEOUT = 15000;
const OFFICER = "demo-officer-01";
const LEADER = "demo-leader-01";
const HANOI = "2001"; // Thành phố Hà Nội since 01/07/2025

const suffix = `e2e-${Date.now().toString(36)}`;
const TITLE = `Đoàn công tác của Thành phố Hà Nội thăm tỉnh Gyeonggi (${suffix})`;
// A head nobody else has: no overlap with the demo data.
const HEAD = `Nguyễn Văn Thử ${suffix}`;

let server;
let browser;
let downloadsDir;
const pages = {}; // login → Playwright page, each in its own context
// Problems seen on the pages (reset by each test) and the error answers currently expected.
let problems = [];
let expected = () => false;
// Shared by the tests, in order.
const state = { id: null, href: null, today: null, title: TITLE, agreementId: null, agreementTitle: null };

async function openPage(login) {
  const context = await browser.newContext({
    baseURL: server.baseUrl, locale: "vi-VN", viewport: { width: 1280, height: 900 }, acceptDownloads: true,
  });
  context.setDefaultTimeout(TIMEOUT);
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "(inline)"}`);
    });
  });
  const page = await context.newPage();
  page.on("console", (msg) => {
    const text = msg.text();
    if (/Content.Security.Policy|CSP violation/i.test(text)) {
      problems.push(`CSP (${login}): ${text}`);
    } else if (msg.type() === "error") {
      const m = /status of (\d{3})/.exec(text);
      if (m && expected(Number(m[1]), msg.location()?.url ?? "")) return;
      problems.push(`console.error (${login}): ${text} (${msg.location()?.url ?? ""})`);
    }
  });
  page.on("pageerror", (err) => problems.push(`pageerror (${login}): ${err.message}`));
  page.on("requestfailed", (req) => {
    const failure = req.failure()?.errorText;
    const p = new URL(req.url()).pathname;
    if (failure === "net::ERR_ABORTED" && p === "/static/img/favicon.svg") return;
    // A download is a navigation that Chromium ends as "aborted" once the file is saved.
    if (failure === "net::ERR_ABORTED" && p === "/delegations/export") return;
    problems.push(`request failed (${login}): ${req.url()} ${failure}`);
  });
  page.on("response", (res) => {
    if (res.status() >= 400 && !expected(res.status(), res.url())) problems.push(`HTTP ${res.status()} for ${res.url()} (${login})`);
  });
  await loginInBrowser(page, login);
  assert.equal(new URL(page.url()).pathname, "/", `signed in as ${login}`);
  pages[login] = page;
  return page;
}

before(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  server = await startServer({ name: "delegations" });
  downloadsDir = path.join(path.dirname(server.db), "downloads");
  mkdirSync(downloadsDir, { recursive: true });
  browser = await launchChromium();
  problems = [];
  await openPage(OFFICER);
  await openPage(LEADER);
  assert.deepEqual(problems, [], "signing in went cleanly");
});

after(async () => {
  try {
    await browser?.close();
  } finally {
    await server?.stop();
  }
});

// Runs `fn` and then fails on any problem recorded meanwhile.
async function checked(fn) {
  problems = [];
  expected = () => false;
  try {
    await fn();
  } catch (err) {
    if (problems.length) err.message += `\nproblems on the page: ${JSON.stringify(problems, null, 1)}`;
    throw err;
  }
  assert.deepEqual(problems, [], "console errors, page errors, CSP violations or failed requests");
}

// Runs `fn` while a 4xx answer to a request whose path matches `pathRe` is expected.
async function refusing(pathRe, fn) {
  const before = expected;
  expected = (status, url) => status >= 400 && status < 500 && pathRe.test(new URL(url).pathname);
  try {
    return await fn();
  } finally {
    expected = before;
  }
}

async function screenshot(page, name) {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: path.join(SCREENSHOTS, `delegations-${name}.png`), fullPage: true });
}

async function text(page, selector) {
  return (await page.locator(selector).innerText()).replace(/\s+/g, " ").trim();
}

// Clicks `button` and waits for the page its form or link leads to; returns that answer.
async function submit(page, button) {
  const [res] = await Promise.all([page.waitForNavigation(), page.click(button)]);
  return res;
}

async function rows(page, selector) {
  return page.$$eval(`${selector} tbody tr`, (trs) =>
    trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent.replace(/\s+/g, " ").trim())));
}

async function status(page) {
  return text(page, "#delegation-status");
}

async function openRecord(page) {
  const res = await page.goto(state.href);
  assert.equal(res.status(), 200, `GET ${state.href}`);
}

// Takes the step `action` through its form on the record (dated today unless `fields.date`),
// and checks that it went through: back on the record with `statusText`, one more history row.
async function stepOk(page, action, fields, statusText) {
  await openRecord(page);
  const before = (await rows(page, "#history-table")).length;
  await page.fill(`#${action}-date`, fields.date ?? state.today);
  for (const [selector, value] of Object.entries(fields.fill ?? {})) await page.fill(selector, value);
  for (const selector of fields.check ?? []) await page.check(selector);
  const res = await submit(page, `#${action}-submit`);
  assert.equal(res.status(), 200, `${action}: the record page after the redirect`);
  assert.equal(new URL(page.url()).pathname, state.href, `${action}: back on the record`);
  assert.equal(await page.locator("#step-error").count(), 0, `${action}: no error`);
  assert.equal(await page.locator("#delegation-error").count(), 0, `${action}: no error`);
  assert.equal(await status(page), statusText, `${action}: status`);
  const after = await rows(page, "#history-table");
  assert.equal(after.length, before + 1, `${action}: one more history row`);
  assert.equal(after[after.length - 1][0], fields.date ?? state.today, `${action}: dated`);
  assert.equal(after[after.length - 1][2], statusText, `${action}: the history's status`);
}

// ---- dates, as the server counts them ------------------------------------------------------

function parseVi(s) {
  const [d, m, y] = s.split("/").map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}
function display(date) {
  const p = (n) => String(n).padStart(2, "0");
  return `${p(date.getUTCDate())}/${p(date.getUTCMonth() + 1)}/${date.getUTCFullYear()}`;
}
function addDays(date, n) {
  return new Date(date.getTime() + n * 86400000);
}
function iso(date) {
  return date.toISOString().slice(0, 10);
}
// Today in Viet Nam (UTC+7), as the server dates the steps.
function todayInVietnam() {
  const now = new Date(Date.now() + 7 * 3600 * 1000);
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

// `days` calendar days after `date`, moved to the next working day (weekends, holidays and
// worked weekend days from GET /api/v1/holidays).
async function calendarDaysLater(date, days) {
  const holidays = new Set();
  const working = new Set();
  for (const year of [date.getUTCFullYear(), date.getUTCFullYear() + 1]) {
    const res = await fetch(`${server.baseUrl}/api/v1/holidays?year=${year}`, {
      headers: { Authorization: `Bearer ${server.token(OFFICER)}`, Accept: "application/json" },
    });
    assert.equal(res.status, 200, `GET /api/v1/holidays?year=${year}`);
    for (const d of (await res.json()).items) (d.kind === "working" ? working : holidays).add(d.date);
  }
  const isWorking = (d) => working.has(iso(d)) || (!holidays.has(iso(d)) && d.getUTCDay() !== 0 && d.getUTCDay() !== 6);
  let d = addDays(date, days);
  while (!isWorking(d)) d = addDays(d, 1);
  return d;
}

// ---------------------------------------------------------------------------------------------

test("an officer plans an outbound delegation through the form", async () => {
  const page = pages[OFFICER];
  await checked(async () => {
    await page.goto("/");
    await submit(page, "#nav-delegations");
    assert.equal(new URL(page.url()).pathname, "/delegations");
    assert.equal(await text(page, "h1"), "Đoàn ra, đoàn vào");
    assert.equal(await page.getAttribute("#nav-delegations", "aria-current"), "page");
    await submit(page, "#new-delegation");
    assert.equal(new URL(page.url()).pathname, "/delegations/new");

    const today = todayInVietnam();
    state.today = display(today);
    const lastDay = display(addDays(today, 3));
    // Five empty member rows without JavaScript; the button adds a sixth.
    assert.equal(await page.locator("#members-rows tr").count(), 5);
    await page.click("#add-member");
    assert.equal(await page.locator("#members-rows tr").count(), 6);
    assert.equal(await page.locator("#programme-rows tr").count(), 5);

    await page.fill("#f-title", TITLE);
    await page.check("#f-direction-outbound");
    await page.selectOption("#f-level", "provincial_leaders");
    const units = await page.$$eval("#f-province option", (os) => os.map((o) => ({ value: o.value, label: o.textContent.trim() })));
    assert.deepEqual(units.filter((u) => u.label.startsWith("Thành phố Hà Nội")).map((u) => u.label).sort(),
      ["Thành phố Hà Nội", "Thành phố Hà Nội (đến 30/06/2025)"]);
    await page.selectOption("#f-province", HANOI);
    await page.fill("#f-countries", "KR");
    await page.fill("#f-purpose", "Xúc tiến đầu tư, thúc đẩy hợp tác giáo dục");
    await page.fill("#f-starts-on", state.today);
    // A last day before the first: refused, every value kept.
    await page.fill("#f-ends-on", display(addDays(today, -1)));
    await page.selectOption("#f-funding", "state_budget");
    await page.fill("#f-head-name", HEAD);
    await page.fill("#f-head-title", "Phó Chủ tịch UBND Thành phố Hà Nội");
    await page.fill("#f-head-organisation", "Ủy ban nhân dân Thành phố Hà Nội");
    const member = page.locator("#members-rows tr").nth(0);
    await member.locator('input[name="member_name"]').fill(`Trần Thị Bình ${suffix}`);
    await member.locator('input[name="member_title"]').fill("Giám đốc Sở Ngoại vụ");
    await member.locator('select[name="member_role"]').selectOption("deputy_head");
    const item = page.locator("#programme-rows tr").nth(0);
    await item.locator('input[name="programme_day"]').fill(state.today);
    await item.locator('input[name="programme_time"]').fill("09:00–11:30");
    await item.locator('input[name="programme_place"]').fill("Suwon");
    await item.locator('input[name="programme_activity"]').fill("Hội đàm với lãnh đạo tỉnh Gyeonggi");
    await refusing(/^\/delegations$/, async () => {
      const res = await submit(page, "#delegation-submit");
      assert.equal(res.status(), 400, "the dates are out of order");
      assert.match(await text(page, "#error-ends-on"), /trước ngày bắt đầu/);
      assert.equal(await page.inputValue("#f-title"), TITLE, "the title is kept");
      assert.equal(await page.inputValue("#f-head-name"), HEAD);
      assert.equal(await page.inputValue("#f-province"), HANOI);
      assert.equal(await page.locator("#members-rows tr").nth(0).locator('input[name="member_name"]').inputValue(),
        `Trần Thị Bình ${suffix}`);
      await screenshot(page, "form-refused");
    });
    await page.fill("#f-ends-on", lastDay);
    const created = await submit(page, "#delegation-submit");
    assert.equal(created.status(), 200);
    const m = /^\/delegations\/(\d+)$/.exec(new URL(page.url()).pathname);
    assert.ok(m, `on the new record: ${page.url()}`);
    state.id = m[1];
    state.href = `/delegations/${m[1]}`;
    assert.equal(await text(page, "h1"), TITLE, "the title, diacritics intact");
    assert.equal(await status(page), "Đề xuất");
    assert.equal(await text(page, "#delegation-dates"), `${state.today} – ${lastDay}`);
    assert.deepEqual((await rows(page, "#people-table")).map((r) => r.slice(0, 3)), [
      ["Trưởng đoàn", HEAD, "Phó Chủ tịch UBND Thành phố Hà Nội"],
      ["Phó Trưởng đoàn", `Trần Thị Bình ${suffix}`, "Giám đốc Sở Ngoại vụ"],
    ]);
    assert.deepEqual((await rows(page, "#programme-table"))[0].slice(0, 3), [state.today, "09:00–11:30", "Suwon"]);
    assert.equal(await page.locator("#step-approve").count(), 0, "an officer does not approve");
    assert.equal(await page.locator("#overlaps").count(), 0, "nobody is in two delegations");
    await screenshot(page, "proposed");
  });
});

test("a provincial leader approves it", async () => {
  assert.ok(state.id, "the first test created the delegation");
  const page = pages[LEADER];
  await checked(async () => {
    await openRecord(page);
    assert.equal(await page.locator("#step-approve").count(), 1);
    // A decision without its number is refused next to the approval form.
    await refusing(/^\/delegations\/\d+\/steps$/, async () => {
      await page.fill("#approve-decision", " ");
      await page.evaluate(() => document.getElementById("approve-decision").removeAttribute("required"));
      const res = await submit(page, "#approve-submit");
      assert.equal(res.status(), 400);
      assert.match(await text(page, "#step-approve #step-error"), /văn bản quyết định/);
      assert.equal(await status(page), "Đề xuất");
    });
    await stepOk(page, "approve", { fill: { "#approve-decision": `Quyết định số 321/QĐ-UBND ngày ${state.today}` } },
      "Đã được phê duyệt");
    assert.match(await text(page, "#delegation-decision"), new RegExp(`321/QĐ-UBND.*${LEADER}`));
    await screenshot(page, "approved");
  });
});

test("the officer records the departure, the return, the report and a signed agreement as outcome", async () => {
  assert.ok(state.id, "the first test created the delegation");
  const page = pages[OFFICER];
  await checked(async () => {
    await stepOk(page, "depart", {}, "Đang thực hiện");
    assert.equal(await text(page, "#delegation-departed"), state.today);
    await stepOk(page, "return", {}, "Đã kết thúc, chờ báo cáo");
    assert.equal(await text(page, "#delegation-returned"), state.today);
    const due = display(await calendarDaysLater(parseVi(state.today), 10));
    assert.equal(await text(page, "#report-due"), due, "the report is due 10 days after the return");
    assert.equal(await page.locator("#report-overdue").count(), 0, "not overdue yet");
    await screenshot(page, "returned");

    await stepOk(page, "submit_report", {
      fill: { "#submit_report-summary": "Đoàn đã hội đàm với lãnh đạo tỉnh Gyeonggi và ký bản ghi nhớ hợp tác giáo dục." },
    }, "Đã báo cáo kết quả");

    // The outcome form offers the signed agreements of Hà Nội (from the demo data).
    await openRecord(page);
    const offered = page.locator(".outcome-agreement input[name=agreement_ids]");
    assert.ok(await offered.count() > 0, "signed agreements of Hà Nội are offered");
    state.agreementId = await offered.first().getAttribute("value");
    state.agreementTitle = (await page.locator(".outcome-agreement").first().innerText()).replace(/\s*\(\d{2}\/\d{2}\/\d{4}\)\s*$/, "").trim();
    const followUp = "#follow-up-rows tr:nth-child(1)";
    await stepOk(page, "record_outcomes", {
      check: [`#agreement-${state.agreementId}`],
      fill: {
        "#outcome-commitments-input": "Trao đổi 20 sinh viên mỗi năm",
        [`${followUp} input[name="fu_description"]`]: "Mời đoàn tỉnh Gyeonggi sang thăm",
        [`${followUp} input[name="fu_responsible"]`]: "Sở Ngoại vụ",
        [`${followUp} input[name="fu_due_on"]`]: display(addDays(parseVi(state.today), 90)),
      },
    }, "Đã ghi nhận kết quả");
    const linked = page.locator("#outcome-agreements a");
    assert.equal(await linked.count(), 1);
    assert.equal(await linked.getAttribute("href"), `/agreements/${state.agreementId}`);
    assert.equal((await linked.innerText()).trim(), state.agreementTitle);
    assert.equal(await text(page, "#outcome-commitments"), "Trao đổi 20 sinh viên mỗi năm");
    assert.deepEqual((await rows(page, "#follow-ups-table")).map((r) => r.slice(0, 2)),
      [["Mời đoàn tỉnh Gyeonggi sang thăm", "Sở Ngoại vụ"]]);
    assert.deepEqual((await rows(page, "#history-table")).map((r) => r[1]), [
      "Đề xuất đoàn", "Phê duyệt", "Bắt đầu chuyến công tác", "Kết thúc chuyến công tác", "Nộp báo cáo kết quả",
      "Ghi nhận kết quả"]);
    await screenshot(page, "closed");
    // The agreement's page opens from the outcome.
    const res = await submit(page, "#outcome-agreements a");
    assert.equal(res.status(), 200);
    assert.equal(new URL(page.url()).pathname, `/agreements/${state.agreementId}`);
    // Its documents panel loads after the page (htmx): let it finish before leaving the page.
    await page.waitForLoadState("networkidle");

    // In English.
    await page.goto(`/lang/en?next=${encodeURIComponent(state.href)}`);
    await page.waitForSelector('html[lang="en"]', { state: "attached" });
    assert.equal(await status(page), "Outcomes recorded");
    await page.goto(`/lang/vi?next=${encodeURIComponent(state.href)}`);
    await page.waitForSelector('html[lang="vi"]', { state: "attached" });
  });
});

test("the list finds it and exports it", async () => {
  assert.ok(state.id, "the first test created the delegation");
  const page = pages[OFFICER];
  await checked(async () => {
    const res = await page.goto(`/delegations?q=${encodeURIComponent(suffix)}&direction=outbound`);
    assert.equal(res.status(), 200);
    const found = await rows(page, "#delegations-table");
    assert.equal(found.length, 1, JSON.stringify(found));
    assert.ok(found[0][0].startsWith(TITLE), found[0][0]);
    assert.equal(found[0][3], `${HEAD} (Phó Chủ tịch UBND Thành phố Hà Nội)`);
    assert.equal(found[0][4], "Đã ghi nhận kết quả");
    const href = await page.getAttribute("#export-csv", "href");
    assert.match(href, new RegExp(`^/delegations/export\\?.*q=${suffix}.*format=csv`), `the export keeps the filter: ${href}`);
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export-csv")]);
    assert.equal(await download.failure(), null);
    const file = path.join(downloadsDir, download.suggestedFilename());
    await download.saveAs(file);
    const csv = readFileSync(file, "utf8");
    assert.ok(csv.startsWith("\uFEFF"), "a UTF-8 CSV with its byte-order mark");
    assert.ok(csv.includes(TITLE), "the row is exported");
    assert.ok(csv.includes(`Trần Thị Bình ${suffix} (Giám đốc Sở Ngoại vụ)`), "the deputy head as \"Name (title)\"");
    await screenshot(page, "list");
  });
});

// ==== CALENDAR: another helper adds "sees it on the calendar" here ============================
// The delegation above runs from state.today for four days (state.id, state.href, state.title),
// owned by Hà Nội and now closed; pages[OFFICER] and pages[LEADER] are signed in. Add the test
// that finds it in the calendar's month and agenda views right below this comment.
// ==============================================================================================

test("sees it on the calendar", async () => {
  assert.ok(state.id, "the first test created the delegation");
  const page = pages[OFFICER];
  const MONTHS = ["Một", "Hai", "Ba", "Tư", "Năm", "Sáu", "Bảy", "Tám", "Chín", "Mười", "Mười Một", "Mười Hai"];
  const first = parseVi(state.today);
  const last = addDays(first, 3);
  const link = `a[href="${state.href}"]`;
  // The days of `date`'s month that the delegation covers, as the grid's cell ids.
  const daysIn = (date) => [0, 1, 2, 3].map((n) => addDays(first, n))
    .filter((d) => d.getUTCMonth() === date.getUTCMonth()).map((d) => `#day-${iso(d)}`);
  await checked(async () => {
    // The navigation opens this month's grid, Monday first.
    await page.goto("/");
    await submit(page, "#nav-schedule");
    assert.equal(new URL(page.url()).pathname, "/schedule");
    assert.equal(await page.getAttribute("#nav-schedule", "aria-current"), "page");
    assert.equal(await text(page, "#schedule-month"), `Tháng ${MONTHS[first.getUTCMonth()]} năm ${first.getUTCFullYear()}`);
    assert.equal(await text(page, "#schedule-grid thead th:first-child"), "T2");
    // Only Hà Nội's outbound delegations: the filter form, then the record on each of its days.
    await page.selectOption("#filter-province", HANOI);
    await page.selectOption("#filter-kind", "delegation");
    await page.selectOption("#filter-direction", "outbound");
    await submit(page, "#schedule-filter");
    const query = new URL(page.url()).searchParams;
    assert.equal(query.get("province"), HANOI);
    assert.equal(query.get("kind"), "delegation");
    for (const cell of daysIn(first)) {
      assert.equal(await page.locator(`${cell} ${link}`).count(), 1, `${state.href} on ${cell}`);
    }
    assert.equal(await page.getAttribute(`${daysIn(first)[0]} ${link}`, "data-kind"), "delegation");
    await screenshot(page, "calendar-month");
    if (last.getUTCMonth() !== first.getUTCMonth()) {
      // Over the end of the month: on the next month's grid too, the filter kept.
      await submit(page, "#schedule-next");
      assert.equal(new URL(page.url()).searchParams.get("province"), HANOI);
      for (const cell of daysIn(last)) {
        assert.equal(await page.locator(`${cell} ${link}`).count(), 1, `${state.href} on ${cell}`);
      }
      await submit(page, "#schedule-previous");
    }
    // The agenda lists it under its first day.
    await submit(page, "#schedule-agenda-view");
    assert.equal(new URL(page.url()).searchParams.get("view"), "agenda");
    assert.equal(await page.locator(`#agenda-${iso(first)} ${link}`).count(), 1, "in the agenda under its first day");
    assert.equal((await page.locator(`#agenda-${iso(first)} ${link}`).innerText()).trim(), TITLE);
    await screenshot(page, "calendar-agenda");
    // Its link opens the record.
    const res = await submit(page, `#agenda-${iso(first)} ${link}`);
    assert.equal(res.status(), 200);
    assert.equal(new URL(page.url()).pathname, state.href);
    assert.equal(await text(page, "h1"), TITLE);
  });
});
