// Browser test of the events pages (issue 6), signed in as an officer of Hà Nội
// (demo-officer-01): through the "Sự kiện" navigation link, create an international conference
// with a ministerial-level foreign guest that opens in 20 days, see that the Prime Minister
// decides, why, and that a request sent today is late (40 days are needed); request permission
// with the step form and see the request recorded as late; then open the 21st National
// Conference on Local Foreign Affairs of the demo data and read its date, theme, sessions,
// delegates and awards, in Vietnamese and in English. Debian's Chromium through playwright-core,
// against a throw-away server with the demo data (tests/e2e/support/server.mjs).
//
// The server's clock is the real one: the conference's dates are computed from today in Viet Nam
// (UTC+7), and the test checks that the step form proposes the same day.
//
// Like the other browser tests, a test fails on any console error, page error, CSP violation,
// failed request or 4xx/5xx answer. Screenshots go to test-artifacts/screenshots/events-*.png.
//
// Run: node --test tests/e2e/events.test.mjs   (binary: $NGOAIVU_BIN, default build/release/ngoaivu)
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { launchChromium, loginInBrowser, repoRoot, startServer } from "./support/server.mjs";

const SCREENSHOTS = path.join(repoRoot, "test-artifacts", "screenshots");
const TIMEOUT = 15000;
const LOGIN = "demo-officer-01";
const HANOI = "2001"; // Thành phố Hà Nội since 01/07/2025

const suffix = `e2e-${Date.now().toString(36)}`;
const TITLE = `Hội nghị quốc tế về hợp tác địa phương Việt Nam – Hàn Quốc (${suffix})`;

let server;
let browser;
let context;
let page;
let problems = [];
let downloadsDir;
const state = { href: null, today: null };

before(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  server = await startServer({ name: "events" });
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
    if (/Content.Security.Policy|CSP violation/i.test(text)) problems.push(`CSP: ${text}`);
    else if (msg.type() === "error") problems.push(`console.error: ${text} (${msg.location()?.url ?? ""})`);
  });
  page.on("pageerror", (err) => problems.push(`pageerror: ${err.message}`));
  page.on("requestfailed", (req) => {
    const p = new URL(req.url()).pathname;
    if (req.failure()?.errorText === "net::ERR_ABORTED" && p === "/static/img/favicon.svg") return;
    // A download is a navigation that Chromium ends as "aborted" once the file is saved.
    if (req.failure()?.errorText === "net::ERR_ABORTED" && (p === "/api/v1/events/export" || p === "/events/import/template")) return;
    problems.push(`request failed: ${req.url()} ${req.failure()?.errorText}`);
  });
  page.on("response", (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()} for ${res.url()}`);
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
  try {
    await fn();
  } catch (err) {
    if (problems.length) err.message += `\nproblems on the page: ${JSON.stringify(problems, null, 1)}\nserver log:\n${server.log().slice(-3000)}`;
    throw err;
  }
  assert.deepEqual(problems, [], "console errors, page errors, CSP violations or failed requests");
}

async function screenshot(name) {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: path.join(SCREENSHOTS, `events-${name}.png`), fullPage: true });
}

async function text(selector) {
  return (await page.locator(selector).innerText()).replace(/\s+/g, " ").trim();
}

async function submit(button) {
  const [res] = await Promise.all([page.waitForNavigation(), page.click(button)]);
  return res;
}

async function rows(selector) {
  return page.$$eval(`${selector} tbody tr`, (trs) =>
    trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent.replace(/\s+/g, " ").trim())));
}

// Today in Viet Nam, and days from it, as dd/mm/yyyy.
function vietnamDay(offsetDays = 0) {
  const now = new Date(Date.now() + 7 * 3600 * 1000); // UTC+7, no daylight saving
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + offsetDays));
  const p = (n) => String(n).padStart(2, "0");
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

// ---------------------------------------------------------------------------------------------

test("an officer creates a conference with a minister as guest: the Prime Minister decides, the request is late", async () => {
  await checked(async () => {
    await loginInBrowser(page, LOGIN);
    assert.equal(new URL(page.url()).pathname, "/", `signed in as ${LOGIN}`);
    assert.equal(await text("#nav-events"), "Sự kiện");
    await submit("#nav-events");
    assert.equal(new URL(page.url()).pathname, "/events");
    assert.equal(await page.getAttribute("#nav-events", "aria-current"), "page");
    await submit("#new-event");
    assert.equal(new URL(page.url()).pathname, "/events/new");

    const opens = vietnamDay(20);
    const closes = vietnamDay(21);
    await page.fill("#f-title-vi", TITLE);
    await page.fill("#f-title-en", `International conference on Viet Nam – Korea local cooperation (${suffix})`);
    await page.selectOption("#f-type", "international_conference");
    await page.fill("#f-theme", "Hợp tác địa phương vì tăng trưởng xanh");
    await page.fill("#f-starts-on", opens);
    await page.fill("#f-ends-on", closes);
    await page.fill("#f-venue", "Trung tâm Hội nghị Quốc gia, Hà Nội");
    await page.fill("#f-organisers", "Ủy ban nhân dân Thành phố Hà Nội\nSở Ngoại vụ Hà Nội");
    const units = await page.$$eval("#f-province option", (os) => os.map((o) => ({ value: o.value, label: o.textContent.trim() })));
    assert.deepEqual(units.filter((u) => u.label.startsWith("Thành phố Hà Nội")).map((u) => u.label).sort(),
      ["Thành phố Hà Nội", "Thành phố Hà Nội (đến 30/06/2025)"], "both generations of Hà Nội are offered");
    await page.selectOption("#f-province", HANOI);
    await page.fill("#f-countries", "KR");
    await page.fill("#f-p-vietnamese", "200");
    await page.fill("#f-p-foreign", "35");
    await page.selectOption("#f-p-rank", "minister_or_higher");
    // The programme: the form's rows, and one more added by events_form.js.
    const sessionRows = page.locator("#session-rows tr");
    const before = await sessionRows.count();
    await page.click('button.add-row[data-rows="session-rows"]');
    assert.equal(await sessionRows.count(), before + 1, "the button adds a session row");
    await sessionRows.nth(0).locator('input[name="s_title"]').fill("Phiên khai mạc");
    await sessionRows.nth(0).locator('input[name="s_day"]').fill(opens);
    await sessionRows.nth(0).locator('input[name="s_starts_at"]').fill("08:30");
    await sessionRows.nth(0).locator('input[name="s_ends_at"]').fill("11:30");
    await sessionRows.nth(0).locator('input[name="s_chairs"]').fill("Chủ tịch UBND Thành phố Hà Nội");
    await sessionRows.nth(0).locator('input[name="s_speakers"]').fill("Bộ trưởng Bộ Nội vụ và An toàn Hàn Quốc");
    await sessionRows.nth(before).locator('input[name="s_title"]').fill("Phiên thảo luận về đầu tư xanh");
    await screenshot("new");
    const created = await submit("#event-submit");
    assert.equal(created.status(), 200);
    const m = /^\/events\/(\d+)$/.exec(new URL(page.url()).pathname);
    assert.ok(m, `on the new record: ${page.url()}`);
    state.href = `/events/${m[1]}`;

    // The record: who decides, why, and the lead time.
    assert.equal(await text("#event-title"), TITLE);
    assert.equal(await text("#event-status"), "Dự kiến");
    assert.equal(await text("#decider"), "Thủ tướng Chính phủ");
    const reasons = await text("#decider-reasons");
    assert.match(reasons, /Khách nước ngoài cao nhất ở cấp "Cấp Bộ trưởng và tương đương", từ cấp Bộ trưởng trở lên: Thủ tướng Chính phủ cho phép tổ chức\./);
    const latest = vietnamDay(-20);
    assert.equal(await text("#lead-days"),
      `Đề nghị cho phép tổ chức phải gửi trước ngày khai mạc ít nhất 40 ngày, tức chậm nhất ngày ${latest}.`);
    const warning = await text("#late-warning");
    assert.ok(warning.startsWith("Nếu gửi đề nghị hôm nay:"), warning);
    assert.ok(warning.includes(`chỉ 20 ngày trước ngày khai mạc ${opens}: chậm 20 ngày`), warning);
    assert.equal(await page.locator("#lead-time-ok").count(), 0);
    assert.deepEqual((await rows("#sessions-table")).map((r) => r.slice(0, 3)), [
      [opens, "08:30–11:30", "Phiên khai mạc"],
      [opens, "", "Phiên thảo luận về đầu tư xanh"],
    ], "the sessions, the second on the first day by default");
    assert.equal(await text("#p-foreign"), "35");
    assert.equal(await text("#p-rank"), "Cấp Bộ trưởng và tương đương");
    assert.equal(await page.locator("#step-approve").count(), 0, "an officer does not record the permission");
    state.today = await page.inputValue("#request_approval-date");
    assert.equal(state.today, vietnamDay(0), "the step form proposes today");
    // The documents' part comes in through htmx.
    await page.waitForSelector("#attachments");
    await screenshot("planned");

    // The request for permission: recorded, and late.
    const requested = await submit("#request_approval-submit");
    assert.equal(requested.status(), 200);
    assert.equal(new URL(page.url()).pathname, state.href);
    assert.equal(await page.locator("#step-error").count(), 0);
    assert.equal(await text("#event-status"), "Đã đề nghị cho phép tổ chức");
    assert.equal(await text("#event-requested-on"), state.today);
    const late = await text("#late-warning");
    assert.ok(late.startsWith("Đề nghị chậm:"), late);
    assert.ok(late.includes(`Đề nghị cho phép tổ chức nhận ngày ${state.today}`), late);
    assert.ok(late.includes(`chậm nhất ngày ${latest}`), late);
    const history = await rows("#history-table");
    assert.deepEqual(history.map((r) => r.slice(0, 3)), [
      [state.today, "Tạo sự kiện", "Dự kiến"],
      [state.today, "Đề nghị cho phép tổ chức", "Đã đề nghị cho phép tổ chức"],
    ]);
    assert.ok(history.every((r) => r[4] === LOGIN));
    assert.equal(await page.locator("#step-open_consultations").count(), 1, "the next step: consultations");
    assert.match(await text("#pm-bodies-hint"), /Bộ Ngoại giao và Bộ Công an/);
    await screenshot("requested");

    // The list finds it, with who decides.
    await page.goto(`/events?q=${encodeURIComponent(suffix)}`);
    const list = await rows("#events-table");
    assert.equal(list.length, 1, JSON.stringify(list));
    assert.ok(list[0][0].startsWith(TITLE), list[0][0]);
    assert.equal(list[0][1], "Thành phố Hà Nội");
    assert.equal(list[0][2], `${opens} – ${closes}`);
    assert.ok(list[0][3].startsWith("Đã đề nghị cho phép tổ chức") && list[0][3].endsWith("Thủ tướng Chính phủ"), list[0][3]);
  });
});

test("the 21st National Conference on Local Foreign Affairs shows its date, theme, sessions, delegates and awards", async () => {
  await checked(async () => {
    await page.goto("/lang/vi?next=/events%3Fnational%3D1");
    await page.waitForSelector('html[lang="vi"]', { state: "attached" });
    assert.equal(new URL(page.url()).pathname, "/events");
    const titles = (await rows("#events-table")).map((r) => r[0]);
    assert.ok(titles.some((t) => t.startsWith("Hội nghị Ngoại vụ toàn quốc lần thứ 21")), JSON.stringify(titles));
    assert.ok(titles.some((t) => t.startsWith("Hội nghị Ngoại giao lần thứ 32")), JSON.stringify(titles));
    await submit('#events-table a:text-is("Hội nghị Ngoại vụ toàn quốc lần thứ 21")');
    assert.match(new URL(page.url()).pathname, /^\/events\/\d+$/);
    assert.equal(await text("#event-title"), "Hội nghị Ngoại vụ toàn quốc lần thứ 21");
    assert.equal(await text("#event-dates"), "18/12/2023");
    assert.equal(await text("#event-theme"),
      "Phát huy vai trò tiên phong của đối ngoại phục vụ phát triển bền vững của các địa phương");
    assert.equal(await text("#event-venue"), "Hà Nội");
    assert.equal(await text("#event-province"), "Toàn quốc (cấp trung ương)");
    assert.equal(await text("#event-status"), "Đã tổ chức");
    assert.equal(await text("#p-in-person"), "300");
    const sessions = await rows("#sessions-table");
    assert.equal(sessions.length, 3);
    assert.ok(sessions.every((r) => r[0] === "18/12/2023"));
    assert.ok(sessions[2][2].startsWith("Phiên buổi chiều: thu hút đầu tư chất lượng cao"), sessions[2][2]);
    assert.deepEqual((await rows("#awards-table")).map((r) => r.slice(0, 3)), [
      ["Kỷ niệm chương “Vì sự nghiệp ngoại giao”", "Lãnh đạo các tỉnh, thành phố", "Tập thể"],
      ["Bằng khen của Bộ trưởng Bộ Ngoại giao", "Lãnh đạo các Sở Ngoại vụ", "Tập thể"],
    ]);
    assert.match(await text("#press-links"), /21st National Conference on Foreign Affairs opens · SGGP/);
    assert.match(await text("#decider-reasons"), /không phải hội nghị, hội thảo quốc tế/);
    assert.equal(await page.locator("#edit-link").count(), 0, "an officer of a province does not edit a national event");
    await page.waitForSelector("#attachments");
    await screenshot("national-21");

    // In English.
    const href = new URL(page.url()).pathname;
    await page.goto(`/lang/en?next=${encodeURIComponent(href)}`);
    await page.waitForSelector('html[lang="en"]', { state: "attached" });
    assert.equal(await text("#event-dates"), "18/12/2023");
    assert.equal(await text("#event-province"), "National (central level)");
    assert.equal((await rows("#awards-table"))[0][0], "Medal “For the cause of diplomacy”");
    await page.goto(`/lang/vi?next=${encodeURIComponent(href)}`);
    await page.waitForSelector('html[lang="vi"]', { state: "attached" });
  });
});

test("the list exports as XLSX, the import page previews that file, the yearly report renders", async () => {
  assert.ok(state.href, "the first test created the conference");
  await checked(async () => {
    // Export the list of our conference, keeping its filter.
    await page.goto(`/events?q=${encodeURIComponent(suffix)}`);
    const href = await page.getAttribute("#export-xlsx", "href");
    assert.match(href, new RegExp(`^/api/v1/events/export\\?q=${suffix}.*&format=xlsx&lang=vi$`), href);
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export-xlsx")]);
    assert.equal(await download.failure(), null);
    const file = path.join(downloadsDir, download.suggestedFilename());
    assert.match(file, /\.xlsx$/);
    await download.saveAs(file);
    assert.equal(readFileSync(file).subarray(0, 2).toString("latin1"), "PK", "an XLSX (ZIP) file");

    // Preview it: one row, which cannot be imported (an import records planned, held or
    // reported events; our conference is waiting for permission). Nothing is written.
    await submit("#import-link");
    assert.equal(new URL(page.url()).pathname, "/events/import");
    assert.ok(await page.isDisabled("#import-submit"));
    await page.setInputFiles("#import-file", file);
    const answered = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/v1/events/import");
    await page.click("#import-preview");
    const res = await answered;
    assert.equal(res.status(), 200);
    assert.equal(new URL(res.url()).searchParams.get("mode"), "preview");
    await page.waitForFunction(() => document.getElementById("import-summary").textContent.trim() !== "");
    assert.equal(await text("#import-summary"), "Số dòng: 1 · Hợp lệ: 0 · Lỗi: 1");
    const problemRows = await rows("#import-problems");
    assert.deepEqual(problemRows.map((r) => r.slice(0, 2)), [["2", "Trạng thái"]], JSON.stringify(problemRows));
    assert.match(problemRows[0][2], /^Chỉ nhập được sự kiện dự kiến, đã tổ chức hoặc đã báo cáo kết quả/);
    assert.ok(await page.isDisabled("#import-submit"), "nothing to import in mode \"all\"");
    await screenshot("import-preview");

    // The CSV template downloads.
    const [template] = await Promise.all([page.waitForEvent("download"), page.click("#template-csv")]);
    assert.equal(await template.failure(), null);
    assert.match(template.suggestedFilename(), /\.csv$/);

    // The yearly report of Hà Nội (Form 03) for the period under way.
    const [d, m, y] = state.today.split("/").map(Number);
    const year = m === 12 && d >= 15 ? y + 1 : y;
    await page.goto("/events/report");
    assert.equal(await page.locator("#report-choose").count(), 1);
    await page.selectOption("#report-province", HANOI);
    await page.fill("#report-year", String(year));
    await submit("#report-show");
    assert.equal(await text("#report-title"), `Báo cáo tình hình tổ chức hội nghị, hội thảo quốc tế năm ${year}`);
    assert.match(await text("#report-meta"), new RegExp(`^Thành phố Hà Nội · Kỳ báo cáo 15/12/${year - 1} – 14/12/${year} · Hạn gửi Bộ Ngoại giao 18/12/${year}`));
    assert.equal(await page.getAttribute("#report-xlsx", "href"),
      `/api/v1/events/yearly-report?province=${HANOI}&year=${year}&format=xlsx&lang=vi`);
    const count = Number(await text("#report-count"));
    assert.equal(count, count > 0 ? (await rows("#report-table")).length : 0);
    await screenshot("report");
  });
});
