// Browser test of the partners pages: signed in as a provincial officer (demo-officer-01), search
// a partner without diacritics (htmx, as you type), create a partner, edit it, and see the
// conflict when a second page saves a stale version. Debian's Chromium through playwright-core,
// against a throw-away server with the demo data (tests/e2e/support/server.mjs).
//
// Like browser.test.mjs, a test fails on any console error, page error, CSP violation, failed
// request or 4xx/5xx answer, except the ones it expects (the 409 of the stale save). Screenshots
// go to test-artifacts/screenshots/partners-*.png.
//
// Run: node --test tests/e2e/partners.test.mjs   (binary: $NGOAIVU_BIN, default build/release/ngoaivu)
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { launchChromium, loginInBrowser, repoRoot, startServer } from "./support/server.mjs";

const SCREENSHOTS = path.join(repoRoot, "test-artifacts", "screenshots");
const TIMEOUT = 15000;

let server;
let browser;

before(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  server = await startServer({ name: "partners" });
  browser = await launchChromium();
});

after(async () => {
  try {
    await browser?.close();
  } finally {
    await server?.stop();
  }
});

// Records what goes wrong on `page`; `expected(status, url)` says which error answers are meant.
function watch(page, problems, expected) {
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
    if (req.failure()?.errorText === "net::ERR_ABORTED" && new URL(req.url()).pathname === "/static/img/favicon.svg") return;
    problems.push(`request failed: ${req.url()} ${req.failure()?.errorText}`);
  });
  page.on("response", (res) => {
    if (res.status() >= 400 && !expected(res.status(), res.url())) problems.push(`HTTP ${res.status()} for ${res.url()}`);
  });
}

// A fresh context signed in as `login`, with `count` pages; runs `fn(pages)` and then fails on
// any problem recorded.
async function withPages(count, fn, { login = "demo-officer-01", expected = () => false } = {}) {
  const context = await browser.newContext({ baseURL: server.baseUrl, locale: "vi-VN", viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(TIMEOUT);
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "(inline)"}`);
    });
  });
  const problems = [];
  const pages = [];
  try {
    for (let i = 0; i < count; i++) {
      const page = await context.newPage();
      watch(page, problems, expected);
      pages.push(page);
    }
    await loginInBrowser(pages[0], login);
    assert.equal(new URL(pages[0].url()).pathname, "/", `signed in as ${login}`);
    await fn(pages);
  } finally {
    await context.close();
  }
  assert.deepEqual(problems, [], "console errors, page errors, CSP violations or failed requests");
}

async function screenshot(page, name) {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: path.join(SCREENSHOTS, `partners-${name}.png`), fullPage: true });
}

// Submits the form of `button` and waits for the page it leads to; returns that answer.
async function submit(page, button) {
  const [res] = await Promise.all([page.waitForNavigation(), page.click(button)]);
  return res;
}

test("search without diacritics finds a partner as you type", async () => {
  await withPages(1, async ([page]) => {
    await page.click("#nav-partners");
    await page.waitForURL("**/partners");
    assert.match(await page.locator("h1").innerText(), /Đối tác nước ngoài/);
    assert.ok(await page.locator("#partners tbody tr").count() > 10, "the demo partners are listed");
    const swapped = page.waitForResponse((r) => new URL(r.url()).pathname === "/partners" && r.request().headers()["hx-request"] === "true");
    await page.fill("#partner-q", "van nam");
    await swapped;
    await page.waitForFunction(() => {
      const rows = document.querySelectorAll("#partners tbody tr");
      return rows.length === 1 && rows[0].textContent.includes("Tỉnh Vân Nam");
    });
    await page.waitForURL((url) => url.searchParams.get("q") === "van nam");
    assert.match(await page.locator(".pager-showing").innerText(), /1–1/);
    await screenshot(page, "search");
    await submit(page, "#partners tbody a");
    assert.equal(await page.locator("#partner-name").innerText(), "Tỉnh Vân Nam");
    assert.equal(await page.locator("#partner-name-original").innerText(), "云南省");
    assert.match(await page.locator("#relations").innerText(), /Lào Cai/);
  });
});

test("an officer creates a partner, edits it, and sees the conflict of a stale second page", async () => {
  const isStaleSave = (status, url) => status === 409 && /\/partners\/\d+\/edit$/.test(new URL(url).pathname);
  await withPages(2, async ([first, second]) => {
    // Create.
    await first.goto("/partners");
    await submit(first, "#partner-new");
    await first.selectOption("select#partner-kind", "locality");
    await first.fill("#partner-name-vi", "Tỉnh Shizuoka");
    await first.fill("#partner-name-original", "静岡県");
    await first.fill("#partner-name-en", "Shizuoka Prefecture");
    await first.selectOption("select#partner-country", "JP");
    await first.fill("#partner-website", "https://www.pref.shizuoka.jp");
    await first.fill('input[name="contact_name_0"]', "Suzuki Hana");
    await first.fill('input[name="contact_email_0"]', "suzuki@example.org");
    await screenshot(first, "new");
    await submit(first, "#partner-save");
    assert.match(new URL(first.url()).pathname, /^\/partners\/\d+$/);
    await first.waitForSelector("#partner-saved");
    assert.equal(await first.locator("#partner-name").innerText(), "Tỉnh Shizuoka");
    assert.match(await first.locator("#contacts").innerText(), /Suzuki Hana/);
    const partnerPath = new URL(first.url()).pathname;

    // Edit.
    await submit(first, "#partner-edit");
    await first.fill("#partner-name-en", "Shizuoka");
    await submit(first, "#partner-save");
    await first.waitForSelector("#partner-saved");
    assert.equal(await first.locator("#partner-name-en").innerText(), "Shizuoka");
    assert.equal(await first.locator("#partner-version").innerText(), "2");

    // Two pages open the form at version 2; the first saves, then the second.
    await first.goto(`${partnerPath}/edit`);
    await second.goto(`${partnerPath}/edit`);
    await first.fill("#partner-name-en", "Shizuoka-ken (first page)");
    await submit(first, "#partner-save");
    await first.waitForSelector("#partner-saved");
    await second.fill("#partner-notes", "Ghi chú từ trang thứ hai");
    const res = await submit(second, "#partner-save");
    assert.equal(res.status(), 409);
    await second.waitForSelector("#partner-conflict");
    assert.match(await second.locator("#partner-conflict").innerText(), /vừa được người khác/);
    assert.match(await second.locator("#stored-name-en").innerText(), /Shizuoka-ken \(first page\)/);
    assert.equal(await second.locator("#partner-notes").inputValue(), "Ghi chú từ trang thứ hai", "what was typed is kept");
    assert.equal(await second.locator("#partner-version").inputValue(), "3", "the form now carries the stored version");
    await screenshot(second, "conflict");

    // Saving again from the re-rendered form is deliberate and goes through.
    await submit(second, "#partner-save");
    await second.waitForSelector("#partner-saved");
    assert.equal(await second.locator("#partner-notes").innerText(), "Ghi chú từ trang thứ hai");
  }, { expected: isStaleSave });
});
