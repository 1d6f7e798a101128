// Browser test of the whole path of an international agreement (issue 5), signed in as a
// provincial leader of Hà Nội (demo-leader-01): create a draft, request and record opinions,
// decide and sign (and see a step out of order refused, in Vietnamese and in English), add a
// commitment and a result, see the due list change when the report to MOFA is sent, export the
// list as XLSX, import that file back (every row is already recorded), download the CSV
// template, and find the agreement in the yearly report. Debian's Chromium through
// playwright-core, against a throw-away server with the demo data (tests/e2e/support/server.mjs).
//
// The server's clock is the real one: every step is dated "today" as the server sees it (the
// default of the step form's date), and the dates the test expects (7 working days, 15 days,
// tomorrow) are computed from it, with the holidays of GET /api/v1/holidays.
//
// Like browser.test.mjs, a test fails on any console error, page error, CSP violation, failed
// request or 4xx/5xx answer, except the refusals it provokes on purpose. Screenshots go to
// test-artifacts/screenshots/agreements-*.png.
//
// Run: node --test tests/e2e/agreements.test.mjs   (binary: $NGOAIVU_BIN, default build/release/ngoaivu)
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { launchChromium, loginInBrowser, repoRoot, startServer } from "./support/server.mjs";

const SCREENSHOTS = path.join(repoRoot, "test-artifacts", "screenshots");
const TIMEOUT = 15000;
const LOGIN = "demo-leader-01";
const HANOI = "2001"; // Thành phố Hà Nội since 01/07/2025
const MOFA = "Bộ Ngoại giao";
const POLICE = "Bộ Công an";

const suffix = `e2e-${Date.now().toString(36)}`;
const TITLE = `Bản ghi nhớ hợp tác giáo dục và y tế giữa Thành phố Hà Nội và Bang Bayern (${suffix})`;

let server;
let browser;
let context;
let page;
let downloadsDir;
// Problems seen on the page (reset by each test) and the error answers currently expected.
let problems = [];
let expected = () => false;
// Shared by the tests, in order.
const state = { id: null, href: null, today: null, xlsx: null, contentPrefill: null };
const CONTENT = "Hai bên hợp tác đào tạo giáo viên tiếng Đức và trao đổi kinh nghiệm y tế dự phòng.";

before(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  server = await startServer({ name: "agreements" });
  downloadsDir = path.join(path.dirname(server.db), "downloads");
  mkdirSync(downloadsDir, { recursive: true });
  browser = await launchChromium();
  context = await browser.newContext({
    baseURL: server.baseUrl, locale: "vi-VN", viewport: { width: 1280, height: 900 }, acceptDownloads: true,
  });
  context.setDefaultTimeout(TIMEOUT);
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "(inline)"}`);
    });
  });
  page = await context.newPage();
  page.on("console", (msg) => {
    const text = msg.text();
    if (/Content.Security.Policy|CSP violation/i.test(text)) {
      problems.push(`CSP: ${text}`);
    } else if (msg.type() === "error") {
      const m = /status of (\d{3})/.exec(text);
      if (m && expected(Number(m[1]), msg.location()?.url ?? "")) return;
      problems.push(`console.error: ${text} (${msg.location()?.url ?? ""})`);
    }
  });
  page.on("pageerror", (err) => problems.push(`pageerror: ${err.message}`));
  page.on("requestfailed", (req) => {
    const failure = req.failure()?.errorText;
    const p = new URL(req.url()).pathname;
    if (failure === "net::ERR_ABORTED" && p === "/static/img/favicon.svg") return;
    // A download is a navigation that Chromium ends as "aborted" once the file is saved.
    if (failure === "net::ERR_ABORTED" && (p === "/agreements/export" || p === "/agreements/import/template")) return;
    problems.push(`request failed: ${req.url()} ${failure}`);
  });
  page.on("response", (res) => {
    if (res.status() >= 400 && !expected(res.status(), res.url())) problems.push(`HTTP ${res.status()} for ${res.url()}`);
  });
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

// Runs `fn` while a 4xx answer to POST `pathRe` is expected (a refused form).
async function refusing(pathRe, fn) {
  const before = expected;
  expected = (status, url) => status >= 400 && status < 500 && pathRe.test(new URL(url).pathname);
  try {
    return await fn();
  } finally {
    expected = before;
  }
}

async function screenshot(name) {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: path.join(SCREENSHOTS, `agreements-${name}.png`), fullPage: true });
}

async function text(selector) {
  return (await page.locator(selector).innerText()).replace(/\s+/g, " ").trim();
}

// Clicks `button` and waits for the page its form leads to; returns that answer.
async function submit(button) {
  const [res] = await Promise.all([page.waitForNavigation(), page.click(button)]);
  return res;
}

// The cells' text of every row of `selector` (a table body).
async function rows(selector) {
  return page.$$eval(`${selector} tbody tr`, (trs) =>
    trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent.replace(/\s+/g, " ").trim())));
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

// The working-day calendar (weekends, plus the configured holidays and worked weekend days).
async function workingCalendar(years) {
  const holidays = new Set();
  const working = new Set();
  for (const year of years) {
    const res = await fetch(`${server.baseUrl}/api/v1/holidays?year=${year}`, {
      headers: { Authorization: `Bearer ${server.token(LOGIN)}`, Accept: "application/json" },
    });
    assert.equal(res.status, 200, `GET /api/v1/holidays?year=${year}`);
    for (const d of (await res.json()).items) (d.kind === "working" ? working : holidays).add(d.date);
  }
  const isWorking = (date) => {
    const key = iso(date);
    if (working.has(key)) return true;
    if (holidays.has(key)) return false;
    const wd = date.getUTCDay();
    return wd !== 0 && wd !== 6;
  };
  return {
    addWorkingDays(date, n) {
      let d = date;
      for (let counted = 0; counted < n;) {
        d = addDays(d, 1);
        if (isWorking(d)) counted++;
      }
      return d;
    },
    addCalendarDays(date, n) {
      let d = addDays(date, n);
      while (!isWorking(d)) d = addDays(d, 1);
      return d;
    },
  };
}

// ---- pages -----------------------------------------------------------------------------------

async function openRecord() {
  const res = await page.goto(state.href);
  assert.equal(res.status(), 200, `GET ${state.href}`);
}

async function status() {
  return text("#agreement-status");
}

async function history() {
  return rows("#history-table");
}

// Fills the step form of the record page and submits it; returns the answer.
async function step(action, fields = {}) {
  await page.selectOption("#step-action", action);
  await page.fill("#step-date", fields.date ?? state.today);
  if (fields.bodies !== undefined) await page.fill("#step-bodies", fields.bodies);
  if (fields.body !== undefined) await page.fill("#step-body", fields.body);
  if (fields.outcome !== undefined) await page.selectOption("#step-outcome", fields.outcome);
  if (fields.decision !== undefined) await page.fill("#step-decision", fields.decision);
  if (fields.place !== undefined) await page.fill("#step-place", fields.place);
  if (fields.signatory !== undefined) await page.fill("#step-signatory", fields.signatory);
  if (fields.signatoryForeign !== undefined) await page.fill("#step-signatory-foreign", fields.signatoryForeign);
  if (fields.note !== undefined) await page.fill("#step-note", fields.note);
  return submit("#step-submit");
}

// A step that must go through: back on the record page with `statusText`, one more history row
// naming `actionText`.
async function stepOk(action, fields, statusText, actionText) {
  const before = (await history()).length;
  const res = await step(action, fields);
  assert.equal(res.status(), 200, `${action}: the record page after the redirect`);
  assert.equal(new URL(page.url()).pathname, state.href, `${action}: back on the record`);
  assert.equal(await page.locator("#step-error").count(), 0, `${action}: no error`);
  assert.equal(await status(), statusText, `${action}: status`);
  const after = await history();
  assert.equal(after.length, before + 1, `${action}: one more history row`);
  assert.ok(after.some((r) => r[1] === actionText && r[0] === state.today && r[2] === statusText && r[4] === LOGIN),
    `${action}: a history row "${actionText}" of ${state.today} by ${LOGIN}: ${JSON.stringify(after)}`);
}

// The rows of the due list at `query` that belong to our agreement, across its pages.
async function dueRowsOfOurs(query) {
  const res = await page.goto(`/agreements/due?${query}`);
  assert.equal(res.status(), 200, `GET /agreements/due?${query}`);
  const out = [];
  for (let pages = 0; ; pages++) {
    assert.ok(pages < 50, "the due list has a reasonable number of pages");
    if (await page.locator("#due-table").count()) {
      out.push(...(await rows("#due-table")).filter((r) => r[2] === TITLE));
    }
    const next = page.locator('nav.pager a[rel="next"]');
    if (!(await next.count())) break;
    await submit('nav.pager a[rel="next"]');
  }
  return out;
}

async function agreementCount(query) {
  const res = await page.goto(`/agreements?${query}`);
  assert.equal(res.status(), 200, `GET /agreements?${query}`);
  const m = /:\s*([\d.]+)/.exec(await text("#agreement-count"));
  assert.ok(m, `#agreement-count shows a number: ${await text("#agreement-count")}`);
  return Number(m[1].replace(/\./g, ""));
}

// ---------------------------------------------------------------------------------------------

test("a leader drafts an agreement, consults, signs, adds a commitment and a result, and reports to MOFA", async () => {
  await checked(async () => {
    await loginInBrowser(page, LOGIN);
    assert.equal(new URL(page.url()).pathname, "/", `signed in as ${LOGIN}`);
    const overdueBefore = await agreementCount("overdue=1");
    assert.ok(overdueBefore > 0, "the demo data has overdue agreements");

    // 1. The draft.
    await page.goto("/agreements");
    await submit("#new-agreement");
    assert.equal(new URL(page.url()).pathname, "/agreements/new");
    await page.fill("#title-vi", TITLE);
    await page.fill("#title-foreign", `Memorandum of understanding on education and health (${suffix})`);
    await page.selectOption("#form-kind", "mou");
    const units = await page.$$eval("#admin-unit option", (os) => os.map((o) => ({ value: o.value, label: o.textContent.trim() })));
    const hanoi = units.filter((u) => u.label.startsWith("Thành phố Hà Nội"));
    assert.deepEqual(hanoi.map((u) => u.label).sort(), ["Thành phố Hà Nội", "Thành phố Hà Nội (đến 30/06/2025)"]);
    const today = hanoi.find((u) => u.label === "Thành phố Hà Nội");
    assert.equal(today.value, HANOI);
    await page.selectOption("#admin-unit", today.value);
    await page.selectOption("#party-kind", "ubnd");
    await page.fill("#party-name", "Ủy ban nhân dân Thành phố Hà Nội");
    await page.selectOption("#partner-ids", { label: "Bang Bayern (DE)" });
    await page.check('input[name="fields"][value="education"]');
    await page.check('input[name="fields"][value="health"]');
    await page.fill('input[name="languages"]', "vi, de");
    state.contentPrefill = await page.inputValue('textarea[name="content"]');
    await page.fill('textarea[name="content"]', CONTENT);
    await screenshot("new");
    const created = await submit("#agreement-submit");
    assert.equal(created.status(), 200);
    const m = /^\/agreements\/(\d+)$/.exec(new URL(page.url()).pathname);
    assert.ok(m, `on the new record: ${page.url()}`);
    state.id = m[1];
    state.href = `/agreements/${m[1]}`;
    assert.equal(await text("h1"), TITLE, "the title, diacritics intact");
    assert.equal(await status(), "Dự thảo");
    assert.equal(await page.getAttribute("#agreement-status", "data-status"), "draft");
    const facts = await text("dl.facts");
    for (const want of ["Bản ghi nhớ", "Thành phố Hà Nội", "Bang Bayern", "Giáo dục, đào tạo", "Y tế", "vi, de"]) {
      assert.ok(facts.includes(want), `the record shows "${want}": ${facts}`);
    }
    state.today = await page.inputValue("#step-date");
    assert.match(state.today, /^\d{2}\/\d{2}\/\d{4}$/, "the step form proposes today");
    const created_rows = await history();
    assert.equal(created_rows.length, 1);
    assert.deepEqual(created_rows[0].slice(0, 3), [state.today, "Tạo dự thảo", "Dự thảo"]);
    assert.equal(await page.locator("#commitment-form").count(), 0, "no commitments before signing");

    const todayDate = parseVi(state.today);
    const year = todayDate.getUTCFullYear();
    const calendar = await workingCalendar([year, year + 1]);
    const opinionsDue = display(calendar.addWorkingDays(todayDate, 7));
    const reportDue = display(calendar.addCalendarDays(todayDate, 15));
    const tomorrow = display(addDays(todayDate, 1));
    const yesterday = display(addDays(todayDate, -1));

    // A step in the future is refused.
    await refusing(/^\/agreements\/\d+\/steps$/, async () => {
      const res = await step("request_opinions", { date: tomorrow, bodies: POLICE });
      assert.ok(res.status() >= 400 && res.status() < 500, `a future date is refused: ${res.status()}`);
      assert.match(await text("#step-error"), /chưa đến/);
      assert.equal(await status(), "Dự thảo");
      assert.equal((await history()).length, 1);
    });

    // 2. Opinions: MOFA always, plus the Ministry of Public Security; due 7 working days later.
    await openRecord();
    await stepOk("request_opinions", { bodies: POLICE }, "Đang lấy ý kiến", "Gửi lấy ý kiến");
    let deadlines = await rows("#deadlines-table");
    assert.deepEqual(deadlines.map((r) => r.slice(0, 5)).sort(), [
      ["Ý kiến của cơ quan được lấy ý kiến", POLICE, state.today, opinionsDue, ""],
      ["Ý kiến của cơ quan được lấy ý kiến", MOFA, state.today, opinionsDue, ""],
    ].sort(), "two open opinion deadlines, 7 working days later");
    await screenshot("consulting");

    // Signing before the decision is refused, and changes nothing: in Vietnamese...
    await refusing(/^\/agreements\/\d+\/steps$/, async () => {
      const res = await step("sign", { signatory: "Trần Sỹ Thanh, Chủ tịch UBND Thành phố Hà Nội" });
      assert.equal(res.status(), 409, "FailedPrecondition");
      assert.equal(await text("#step-error"), "Chưa thể ký: cần nhận đủ ý kiến và có quyết định cho phép ký trước.");
      assert.equal(await status(), "Đang lấy ý kiến");
      assert.equal((await history()).length, 2);
      await screenshot("sign-refused");
    });
    // ... and in English.
    await page.goto(`/lang/en?next=${encodeURIComponent(state.href)}`);
    await page.waitForSelector('html[lang="en"]', { state: "attached" });
    assert.equal(new URL(page.url()).pathname, state.href);
    await refusing(/^\/agreements\/\d+\/steps$/, async () => {
      const res = await step("sign", { signatory: "Trần Sỹ Thanh" });
      assert.equal(res.status(), 409);
      assert.equal(await text("#step-error"),
        "Not yet possible to sign: every opinion and the decision permitting signature must come first.");
      assert.equal(await status(), "Opinions requested");
    });
    await page.goto(`/lang/vi?next=${encodeURIComponent(state.href)}`);
    await page.waitForSelector('html[lang="vi"]', { state: "attached" });
    assert.equal(await status(), "Đang lấy ý kiến");
    assert.equal((await history()).length, 2, "the refused steps left no trace");

    // Deciding before every opinion is in is refused too.
    await refusing(/^\/agreements\/\d+\/steps$/, async () => {
      const res = await step("decide", { decision: "Quyết định số 1/QĐ-UBND" });
      assert.ok(res.status() >= 400 && res.status() < 500);
      assert.match(await text("#step-error"), /Chưa nhận đủ ý kiến/);
      assert.equal(await status(), "Đang lấy ý kiến");
    });

    await openRecord();
    await stepOk("record_opinion", { body: MOFA, outcome: "agree" }, "Đang lấy ý kiến", "Nhận ý kiến");
    deadlines = await rows("#deadlines-table");
    const mofaOpinion = deadlines.find((r) => r[1] === MOFA);
    assert.equal(mofaOpinion[4], state.today, "MOFA's opinion closed today");
    assert.equal(mofaOpinion[5], "Đồng ý");
    assert.equal(deadlines.find((r) => r[1] === POLICE)[4], "", "the police's still open");
    await stepOk("record_opinion", { body: POLICE, outcome: "agree" }, "Đang lấy ý kiến", "Nhận ý kiến");
    deadlines = await rows("#deadlines-table");
    assert.ok(deadlines.every((r) => r[4] === state.today && r[5] === "Đồng ý"), `every opinion in: ${JSON.stringify(deadlines)}`);

    await stepOk("decide", { decision: `Quyết định số 4521/QĐ-UBND ngày ${state.today}` }, "Đã quyết định ký", "Quyết định ký");
    await stepOk("sign", {
      place: "Hà Nội",
      signatory: "Trần Sỹ Thanh, Chủ tịch UBND Thành phố Hà Nội",
      signatoryForeign: "Markus Söder, Ministerpräsident",
    }, "Đã ký", "Ký");
    assert.match(await text("#agreement-signed-on"), new RegExp(`^${state.today} Hà Nội`));
    deadlines = await rows("#deadlines-table");
    const report = deadlines.filter((r) => r[0] === "Báo cáo và gửi bản sao cho Bộ Ngoại giao");
    assert.deepEqual(report.map((r) => r.slice(1, 5)), [[MOFA, state.today, reportDue, ""]], "the report to MOFA, 15 days after signing");
    const hist = await history();
    assert.deepEqual(hist.map((r) => r[1]).sort(),
      ["Tạo dự thảo", "Gửi lấy ý kiến", "Nhận ý kiến", "Nhận ý kiến", "Quyết định ký", "Ký"].sort());
    await screenshot("signed");

    // 3. Commitments: a due date before the signing is refused; then one due tomorrow.
    await refusing(/^\/agreements\/\d+\/commitments$/, async () => {
      await page.fill("#commitment-description", "Trao đổi 20 giáo viên tiếng Đức");
      await page.fill("#commitment-due", yesterday);
      const res = await submit("#commitment-submit");
      assert.ok(res.status() >= 400 && res.status() < 500, `refused: ${res.status()}`);
      await page.waitForSelector("#commitment-error");
      assert.equal(await page.locator("#commitments-table").count(), 0, "no commitment was added");
      assert.equal(await text("#commitment-error"), "Hạn thực hiện trước ngày ký thỏa thuận.");
      await screenshot("commitment-refused");
    });
    await openRecord();
    await page.fill("#commitment-description", "Trao đổi 20 giáo viên tiếng Đức");
    await page.fill("#commitment-unit", "Sở Giáo dục và Đào tạo");
    await page.fill("#commitment-due", tomorrow);
    await submit("#commitment-submit");
    assert.equal(new URL(page.url()).pathname, state.href);
    assert.equal(await page.locator("#commitment-error").count(), 0);
    assert.deepEqual(await rows("#commitments-table"),
      [["Trao đổi 20 giáo viên tiếng Đức", "Sở Giáo dục và Đào tạo", tomorrow, "Chưa thực hiện"]]);

    await page.fill("#result-description", "Khai giảng lớp tiếng Đức cho giáo viên");
    await page.fill("#result-date", state.today);
    await page.fill("#result-amount", "1500000");
    await page.selectOption("#result-unit", "usd");
    await submit("#result-submit");
    assert.equal(await page.locator("#result-error").count(), 0);
    assert.deepEqual(await rows("#results-table"),
      [["Khai giảng lớp tiếng Đức cho giáo viên", state.today, "1.500.000 USD đầu tư"]]);
    await screenshot("commitment-result");

    // 4. The due list: the commitment due tomorrow is within the default 7 days, the report to
    // MOFA (15 days) within 30; once the report is sent it leaves the list, the commitment stays.
    const commitmentRow = [tomorrow, "Thành phố Hà Nội", TITLE, "Cam kết", "Trao đổi 20 giáo viên tiếng Đức"];
    const reportRow = [reportDue, "Thành phố Hà Nội", TITLE, "Báo cáo và gửi bản sao cho Bộ Ngoại giao", MOFA];
    assert.deepEqual(await dueRowsOfOurs("province=2001"), [commitmentRow], "within 7 days: the commitment");
    assert.deepEqual(await dueRowsOfOurs(""), [commitmentRow], "all provinces, within 7 days");
    assert.deepEqual(await dueRowsOfOurs("province=2001&within_days=30"), [commitmentRow, reportRow], "within 30 days: and the report");
    await screenshot("due-before");
    await openRecord();
    await stepOk("report_mofa", { note: "Công văn số 88/UBND-NgV" }, "Đã ký", "Báo cáo, gửi bản sao cho Bộ Ngoại giao");
    deadlines = await rows("#deadlines-table");
    assert.deepEqual(deadlines.find((r) => r[0] === "Báo cáo và gửi bản sao cho Bộ Ngoại giao").slice(4, 6), [state.today, "Đã thực hiện"]);
    assert.deepEqual(await dueRowsOfOurs("province=2001&within_days=30"), [commitmentRow], "the report left the due list");
    assert.deepEqual(await dueRowsOfOurs("province=2001"), [commitmentRow], "the commitment stays");
    await screenshot("due-after");

    // Nothing of the new agreement is overdue: the overdue list is unchanged, and does not have it.
    assert.equal(await agreementCount("overdue=1"), overdueBefore);
    assert.equal(await agreementCount(`overdue=1&q=${encodeURIComponent(suffix)}`), 0);
    assert.equal(await page.locator("#agreements-empty").count(), 1);
    assert.equal(await agreementCount(`q=${encodeURIComponent(suffix)}`), 1);
    assert.equal(await text("#agreements-table tbody tr td a"), TITLE);
    assert.deepEqual((await rows("#agreements-table")).map((r) => r.slice(1, 5)),
      [["Thành phố Hà Nội", "Bang Bayern", "Đã ký", state.today]]);
  });
});

test("the list exports as XLSX and importing that file back finds every row already recorded", async () => {
  assert.ok(state.id, "the first test created the agreement");
  await checked(async () => {
    // 5. Export.
    await page.goto(`/agreements?q=${encodeURIComponent(suffix)}`);
    assert.equal(await page.locator("#agreements-table tbody tr").count(), 1);
    const href = await page.getAttribute("#export-xlsx", "href");
    assert.match(href, new RegExp(`^/agreements/export\\?.*q=${suffix}.*format=xlsx`), `the export keeps the filter: ${href}`);
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export-xlsx")]);
    assert.equal(await download.failure(), null);
    const name = download.suggestedFilename();
    assert.match(name, /\.xlsx$/, `file name: ${name}`);
    state.xlsx = path.join(downloadsDir, name);
    await download.saveAs(state.xlsx);
    const bytes = readFileSync(state.xlsx);
    assert.ok(bytes.length > 100, `not empty: ${bytes.length} bytes`);
    assert.equal(bytes.subarray(0, 2).toString("latin1"), "PK", "a ZIP (XLSX) file");

    // 6. Import it back: a preview that finds the row already recorded, so nothing to import in
    // mode "all".
    await page.goto("/agreements");
    await submit("#import-link");
    assert.equal(new URL(page.url()).pathname, "/agreements/import");
    assert.ok(await page.isChecked("#mode-all"));
    assert.ok(await page.isDisabled("#import-submit"));
    await page.setInputFiles("#import-file", state.xlsx);
    const answered = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/v1/agreements/import");
    await page.click("#import-preview");
    const res = await answered;
    assert.equal(res.status(), 200);
    assert.equal(new URL(res.url()).searchParams.get("mode"), "preview");
    await page.waitForFunction(() => document.getElementById("import-summary").textContent.trim() !== "");
    const summary = await text("#import-summary");
    assert.match(summary, /^[^:]+: 1 · [^:]+: 0 · [^:]+: 1$/, `one row, none valid, one problem: ${summary}`);
    await page.waitForSelector("#import-problems", { state: "visible" });
    const problemsRows = await rows("#import-problems");
    assert.equal(problemsRows.length, 1, `one problem: ${JSON.stringify(problemsRows)}`);
    assert.ok(problemsRows.some((r) => r[0] === "2" && r[2].includes("đã có trong hệ thống") && r[2].includes(`số ${state.id}`)),
      `row 2 is already recorded (number ${state.id}): ${JSON.stringify(problemsRows)}`);
    assert.ok(await page.isDisabled("#import-submit"), "nothing to import in mode \"all\"");
    await screenshot("import-preview");

    // The CSV template downloads.
    const [template] = await Promise.all([page.waitForEvent("download"), page.click("#template-csv")]);
    assert.equal(await template.failure(), null);
    assert.match(template.suggestedFilename(), /\.csv$/);
    const csvPath = path.join(downloadsDir, template.suggestedFilename());
    await template.saveAs(csvPath);
    assert.ok(statSync(csvPath).size > 0, "the CSV template is not empty");
    const csv = readFileSync(csvPath, "utf8").replace(/^\uFEFF/, "");
    assert.ok(csv.split(/\r?\n/)[0].includes(","), `a header line: ${csv.slice(0, 200)}`);
  });
});

test("the yearly report of Hà Nội lists the agreement signed this year", async () => {
  assert.ok(state.id, "the first test created the agreement");
  await checked(async () => {
    const year = state.today.slice(6);
    const res = await page.goto(`/agreements/report?province=${HANOI}&year=${year}`);
    assert.equal(res.status(), 200);
    assert.match(await text("#report-title"), new RegExp(year));
    const signed = await rows("#report-signed-table");
    const ours = signed.filter((r) => r[1] === TITLE);
    assert.equal(ours.length, 1, `the agreement is in the report: ${JSON.stringify(signed.map((r) => r[1]))}`);
    assert.equal(ours[0][2], "Bang Bayern");
    assert.equal(ours[0][3], state.today);
    assert.equal(ours[0][4], "Đã ký");
    assert.equal(ours[0][5], "0/1", "one commitment, none done, none late");
    assert.match(ours[0][6], /^1: Khai giảng lớp tiếng Đức cho giáo viên/);
    assert.equal(Number(await text("#report-signed")), signed.length);
    await screenshot("report");
  });
});

// Known bug (reported, not fixed here): the page data of the agreement forms and of the record
// page use the key "content" for the agreement's content, which html::Renderer::Page overwrites
// with the page's template source. So /agreements/new pre-fills the "Nội dung" textarea with the
// source of new.html (saved as the content when the form is sent unchanged), and
// /agreements/{id} shows the source of detail.html, escaped, where the content should be.
test("the record page and its forms show the agreement's content, not a template's source", async () => {
  assert.ok(state.id, "the first test created the agreement");
  assert.ok(state.contentPrefill === "", `the new form's content field starts empty, not with "${state.contentPrefill.slice(0, 60)}…"`);
  await openRecord();
  const record = await text("#agreement");
  assert.ok(record.includes(CONTENT), "the content typed in the form is shown");
  assert.ok(!record.includes("{{"), "no template source on the record page");
});
