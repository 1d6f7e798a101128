// Browser test of a province's figures (issue 7): MOFA (demo-mofa) opens the 2026 yearly round
// through the rounds form; an officer of Hà Nội (demo-officer-01) fills the grid with the
// keyboard (Enter moves down a row) and by pasting a block copied from Excel (tab-separated,
// filling down and to the right), sees a refused value kept with its problem next to the cell,
// saves and submits; MOFA approves, and the round's completeness shows Hà Nội approved. The
// national dashboard (tile map, top provinces) and the review report of 2026 (page, A4 print,
// XLSX, DOCX) do not show Hà Nội's FDI while it is only submitted, and show it at once after the
// approval (no batch step).
// Debian's Chromium through playwright-core, against a throw-away server with the demo data
// (tests/e2e/support/server.mjs). Fails on any console error, page error, CSP violation or
// 4xx/5xx answer except the refusal it provokes. Screenshots: test-artifacts/screenshots/indicators-*.png.
//
// Run: node --test tests/e2e/indicators.test.mjs   (binary: $NGOAIVU_BIN, default build/release/ngoaivu)
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { launchChromium, loginInBrowser, repoRoot, startServer } from "./support/server.mjs";

const SCREENSHOTS = path.join(repoRoot, "test-artifacts", "screenshots");
const TIMEOUT = 15000;
const OFFICER = "demo-officer-01";
const MOFA = "demo-mofa";

let server;
let browser;
const pages = {};
let problems = [];
let expected = () => false;
const state = { round: null };
let downloadsDir;
// Hà Nội's registered FDI for 2026 as the officer types it in row 0 of the yearly grid, and as
// the pages show it once approved (vi: "." groups thousands, "," is the decimal comma).
const FDI_SHOWN = "1.234,5";
const DASHBOARD = "/dashboard?from_year=2016&to_year=2026&indicator=fdi_registered";
const REVIEW = "/reports/review?from=01/01/2026&to=31/12/2026&province=2001";

async function openPage(login) {
  const context = await browser.newContext({ baseURL: server.baseUrl, locale: "vi-VN", viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(TIMEOUT);
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "(inline)"}`);
    });
  });
  const page = await context.newPage();
  page.on("console", (msg) => {
    const text = msg.text();
    if (/Content.Security.Policy|CSP violation/i.test(text)) problems.push(`CSP (${login}): ${text}`);
    else if (msg.type() === "error" && !/status of 4\d\d/.test(text)) problems.push(`console.error (${login}): ${text}`);
  });
  page.on("pageerror", (err) => problems.push(`pageerror (${login}): ${err.message}`));
  page.on("response", (res) => {
    if (res.status() >= 400 && !expected(res.status(), res.url())) problems.push(`HTTP ${res.status()} for ${res.url()} (${login})`);
  });
  await loginInBrowser(page, login);
  pages[login] = page;
  return page;
}

before(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  server = await startServer({ name: "indicators" });
  downloadsDir = path.join(path.dirname(server.db), "downloads");
  mkdirSync(downloadsDir, { recursive: true });
  browser = await launchChromium();
  await openPage(OFFICER);
  await openPage(MOFA);
  assert.deepEqual(problems, [], "signing in went cleanly");
});

after(async () => {
  try {
    await browser?.close();
  } finally {
    await server?.stop();
  }
});

async function checked(fn) {
  problems = [];
  expected = () => false;
  await fn();
  assert.deepEqual(problems, [], "console errors, page errors, CSP violations or failed requests");
}

async function submit(page, button) {
  const [res] = await Promise.all([page.waitForNavigation(), page.click(button)]);
  return res;
}

async function screenshot(page, name) {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: path.join(SCREENSHOTS, `indicators-${name}.png`), fullPage: true });
}

test("MOFA opens the 2026 yearly round", async () => {
  await checked(async () => {
    const page = pages[MOFA];
    await page.goto("/indicators/rounds");
    await page.selectOption("#round-periodicity", "year");
    await page.fill("#round-year", "2026");
    await page.fill("#round-number", "1");
    const res = await submit(page, "#round-create");
    assert.equal(res.status(), 200);
    const m = /^\/indicators\/rounds\/(\d+)$/.exec(new URL(page.url()).pathname);
    assert.ok(m, `the round's page, not ${page.url()}`);
    state.round = m[1];
    assert.match(await page.locator("#count-not_started").innerText(), /34/);
    await screenshot(page, "round");
  });
});

test("the officer fills the grid with the keyboard and a block pasted from Excel, then submits", async () => {
  await checked(async () => {
    const page = pages[OFFICER];
    const grid = `/indicators/rounds/${state.round}/2001`;
    await page.goto(grid);
    const values = page.locator('#grid input[data-col="0"]');
    const n = await values.count();
    assert.ok(n >= 4, "the yearly indicators are rows of the grid");
    // Enter moves to the next row.
    await values.nth(0).click();
    await page.keyboard.type("1.234,5");
    await page.keyboard.press("Enter");
    assert.equal(await page.evaluate(() => document.activeElement.dataset.row), "1");
    // A block of two rows × two columns (value, comment) pasted into row 1 fills rows 1-2.
    await page.evaluate(() => {
      const target = document.querySelector('#grid input[data-row="1"][data-col="0"]');
      const dt = new DataTransfer();
      dt.setData("text/plain", "800,2\tƯớc tính\n1500\tSở Kế hoạch\n");
      target.dispatchEvent(new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true }));
    });
    assert.equal(await values.nth(1).inputValue(), "800,2");
    assert.equal(await values.nth(2).inputValue(), "1500");
    assert.equal(await page.locator('#grid input[data-row="1"][data-col="1"]').inputValue(), "Ước tính");
    assert.equal(await page.locator('#grid input[data-row="2"][data-col="1"]').inputValue(), "Sở Kế hoạch");
    // A value that is not a number is refused, every typed value kept, the problem by its cell.
    await values.nth(3).fill("12abc");
    expected = (status, url) => status === 400 && new URL(url).pathname === grid;
    const refused = await submit(page, "#grid-save");
    assert.equal(refused.status(), 400);
    expected = () => false;
    assert.equal(await values.nth(0).inputValue(), "1.234,5");
    assert.equal(await values.nth(3).inputValue(), "12abc");
    assert.equal(await page.locator("#grid .cell-error").count(), 1);
    await screenshot(page, "grid-refused");
    await values.nth(3).fill("3");
    const saved = await submit(page, "#grid-save");
    assert.equal(saved.status(), 200);
    assert.equal(await page.locator("#grid-saved").count(), 1);
    assert.equal(await values.nth(0).inputValue(), "1.234,5");
    await submit(page, "#step-submit-button");
    assert.match(await page.locator("#grid-status").innerText(), /Đã gửi/);
    assert.equal(await page.locator("#grid-save").count(), 0, "locked once submitted");
    await screenshot(page, "grid-submitted");
  });
});

// The text of Hà Nội's tile on the national dashboard's map, and whether the top provinces'
// table lists Hà Nội with the figure.
async function dashboardShows(page) {
  await page.goto(DASHBOARD);
  assert.equal(await page.locator("#report-error").count(), 0);
  const tile = (await page.locator('#card-map a.tile[href="/dashboard/province/2001"] small').innerText()).trim();
  const top = await page.locator("#card-top table").innerText();
  return { tile, top: top.includes("Hà Nội") && top.includes(FDI_SHOWN) };
}

async function reviewEconomy(page) {
  await page.goto(REVIEW);
  assert.equal(await page.locator("#report-error").count(), 0);
  assert.match(await page.locator("#review-subject").innerText(), /Hà Nội/);
  return page.locator("#section-economy").innerText();
}

test("while only submitted, Hà Nội's figure is on neither the dashboard nor the review report", async () => {
  await checked(async () => {
    const page = pages[MOFA];
    const shown = await dashboardShows(page);
    assert.notEqual(shown.tile, FDI_SHOWN, "a submitted value is not yet a figure");
    assert.equal(shown.top, false);
    assert.doesNotMatch(await reviewEconomy(page), new RegExp(FDI_SHOWN.replace(".", "\\.")));
  });
});

test("MOFA approves, and the completeness shows it", async () => {
  await checked(async () => {
    const page = pages[MOFA];
    await page.goto(`/indicators/rounds/${state.round}/2001`);
    await submit(page, "#step-approve-button");
    assert.match(await page.locator("#grid-status").innerText(), /Đã duyệt/);
    await page.goto(`/indicators/rounds/${state.round}`);
    assert.match(await page.locator("#unit-2001").innerText(), /Đã duyệt/);
    assert.match(await page.locator("#count-approved").innerText(), /1/);
  });
});

test("the approved figure shows at once on the dashboard, with its chart, table and XLSX", async () => {
  await checked(async () => {
    const page = pages[MOFA];
    const shown = await dashboardShows(page);
    assert.equal(shown.tile, FDI_SHOWN, "Hà Nội's tile carries the approved FDI");
    assert.ok(shown.top, "the top provinces' table lists Hà Nội with its FDI");
    // The trend chart is drawn (ECharts puts a canvas in it) from the same numbers as its table.
    await page.locator('#card-trend [data-chart="trend"] canvas').first().waitFor();
    assert.match(await page.locator("#card-trend table").innerText(), /2026/);
    await screenshot(page, "dashboard");
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#dashboard-xlsx")]);
    assert.equal(await download.failure(), null);
    assert.match(download.suggestedFilename(), /\.xlsx$/);
    const file = path.join(downloadsDir, download.suggestedFilename());
    await download.saveAs(file);
    assert.equal(readFileSync(file).subarray(0, 2).toString("latin1"), "PK", "a ZIP (XLSX) file");
    const strings = execFileSync("unzip", ["-p", file]).toString("utf8"); // every member
    assert.match(strings, /Hà Nội/, "the workbook names the provinces in Vietnamese");
  });
});

test("the review report of 2026 shows it, prints on A4 without its filters, and downloads as DOCX", async () => {
  await checked(async () => {
    const page = pages[MOFA];
    assert.match(await reviewEconomy(page), new RegExp(FDI_SHOWN.replace(".", "\\.")));
    await screenshot(page, "review");
    await page.emulateMedia({ media: "print" });
    try {
      assert.equal(await page.locator("#review-filters").isVisible(), false, "the filters do not print");
      assert.ok(await page.locator("#review-report").isVisible());
      const pdf = await page.pdf({ format: "A4", printBackground: false });
      assert.equal(pdf.subarray(0, 5).toString("latin1"), "%PDF-");
      const pagesInPdf = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) || []).length;
      assert.ok(pagesInPdf >= 1 && pagesInPdf <= 6, `an A4 print of 1-6 pages, not ${pagesInPdf}`);
    } finally {
      await page.emulateMedia({ media: "screen" });
    }
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#review-docx")]);
    assert.equal(await download.failure(), null);
    assert.match(download.suggestedFilename(), /\.docx$/);
    const file = path.join(downloadsDir, download.suggestedFilename());
    await download.saveAs(file);
    const xml = execFileSync("unzip", ["-p", file, "word/document.xml"]).toString("utf8");
    assert.match(xml, /CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM/, "the national title block");
    assert.match(xml, new RegExp(FDI_SHOWN.replace(".", "\\.")), "the approved FDI is in the document");
  });
});
