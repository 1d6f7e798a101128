// Browser test: the real pages in headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core), against a throw-away server on a fresh database with the demo accounts.
//
// Every test gets a new browser context (no cookies from other tests), signs in through the
// form (as demo-admin unless the test says otherwise) and fails on any console error, uncaught
// page error, Content-Security-Policy violation, failed request or 4xx/5xx response. Each page visited is saved as a full-page screenshot under
// test-artifacts/screenshots/<name>.png (relative to the repository root).
//
// chromium.launch() starts Chromium on a new temporary profile (Playwright mkdtemp()s a fresh
// --user-data-dir for every launch and deletes it on close; it refuses a --user-data-dir in
// args), so nothing is shared with any other run.
//
// Run: node --test tests/e2e/   (binary: $NGOAIVU_BIN, default build/release/ngoaivu)
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
  server = await startServer({ name: "browser" });
  browser = await launchChromium();
});

after(async () => {
  // Each step on its own, so that a failure in one still runs the other.
  try {
    await browser?.close();
  } finally {
    await server?.stop();
  }
});

// Opens a fresh context and page, records everything that goes wrong in it, signs in as `as`
// (through the form; null: stays signed out), runs `fn`, and then fails on any problem recorded.
// `allowed` lists [status, url] pairs of documents that are meant to fail (the 404 page), whose
// "Failed to load resource" console line is expected.
async function withPage(fn, { allowed = [], as = "demo-admin" } = {}) {
  const context = await browser.newContext({
    baseURL: server.baseUrl,
    locale: "vi-VN",
    viewport: { width: 1280, height: 900 },
  });
  context.setDefaultTimeout(TIMEOUT);
  // A CSP violation is reported on the console by Chromium; the event makes it unmissable too.
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "(inline)"} in ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  const page = await context.newPage();
  const problems = [];
  const isAllowed = (status, url) => allowed.some(([s, u]) => s === status && new URL(u, server.baseUrl).href === url);
  page.on("console", (msg) => {
    const text = msg.text();
    const url = msg.location()?.url ?? "";
    if (/Content.Security.Policy|CSP violation/i.test(text)) {
      problems.push(`CSP: ${text} (${url})`);
    } else if (msg.type() === "error") {
      const m = /status of (\d{3})/.exec(text);
      if (m && isAllowed(Number(m[1]), url)) return;
      problems.push(`console.error: ${text} (${url})`);
    } else if (msg.type() === "warning") {
      // Warnings are not failures, but show them to whoever reads the output.
      console.log(`  [console warning] ${text} (${url})`);
    }
  });
  page.on("pageerror", (err) => problems.push(`pageerror: ${err.message}`));
  page.on("requestfailed", (req) => {
    // Chromium fetches the icon on its own after the page has loaded and aborts that fetch when
    // the page navigates on at once (as after signing in): not a fault of the page.
    if (req.failure()?.errorText === "net::ERR_ABORTED" && new URL(req.url()).pathname === "/static/img/favicon.svg") return;
    problems.push(`request failed: ${req.url()} ${req.failure()?.errorText}`);
  });
  page.on("response", (res) => {
    if (res.status() >= 400 && !isAllowed(res.status(), res.url())) problems.push(`HTTP ${res.status()} for ${res.url()}`);
  });
  try {
    if (as) {
      await loginInBrowser(page, as);
      assert.equal(new URL(page.url()).pathname, "/", `signed in as ${as}: on the home page`);
    }
    await fn(page, context);
  } finally {
    await context.close();
  }
  assert.deepEqual(problems, [], "console errors, page errors, CSP violations or failed requests");
}

async function screenshot(page, name) {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

// The Vietnamese subset of Be Vietnam Pro is loaded and used: Vietnamese letters are not drawn
// in a fallback font.
async function assertVietnameseFont(page) {
  const fonts = await page.evaluate(async () => {
    await document.fonts.ready;
    return {
      family: getComputedStyle(document.querySelector("h1")).fontFamily,
      loaded: [...document.fonts]
        .filter((f) => f.status === "loaded")
        .map((f) => ({ family: f.family.replace(/["']/g, ""), weight: f.weight, range: f.unicodeRange })),
    };
  });
  assert.match(fonts.family, /^"?Be Vietnam Pro"?/, `h1 font-family: ${fonts.family}`);
  assert.ok(
    fonts.loaded.some((f) => f.family === "Be Vietnam Pro" && /U\+1EA0/i.test(f.range)),
    `the Vietnamese subset of Be Vietnam Pro is loaded: ${JSON.stringify(fonts.loaded)}`,
  );
}

async function text(page, selector) {
  return (await page.locator(selector).innerText()).replace(/\s+/g, " ").trim();
}

async function langCookie(context) {
  return (await context.cookies()).find((c) => c.name === "lang")?.value;
}

// ---------------------------------------------------------------------------------------------

test("home page in Vietnamese with the current number of provinces", async () => {
  await withPage(async (page) => {
    const res = await page.goto("/");
    assert.equal(res.status(), 200);
    assert.equal(await page.getAttribute("html", "lang"), "vi");
    assert.equal(await text(page, "h1"), "Đối ngoại địa phương");
    assert.equal(await text(page, "#tile-units-now strong"), "34");
    assert.equal(await text(page, "#tile-units-before strong"), "63");
    assert.equal(await text(page, "#lang-switch"), "English");
    assert.match(await page.title(), /Ngoại vụ/);
    await assertVietnameseFont(page);
    await screenshot(page, "home-vi");
  });
});

test("the language switch goes to English, is remembered, and switches back", async () => {
  await withPage(async (page, context) => {
    await page.goto("/");
    assert.match(await page.getAttribute("#lang-switch", "href"), /^\/lang\/en\?next=/);
    await page.click("#lang-switch");
    await page.waitForSelector('html[lang="en"]', { state: "attached" });
    assert.equal(page.url(), `${server.baseUrl}/`, "back on the page we came from");
    assert.equal(await text(page, "h1"), "Local foreign affairs");
    assert.equal(await text(page, "#tile-units-now strong"), "34");
    assert.equal(await text(page, "#lang-switch"), "Tiếng Việt");
    assert.equal(await langCookie(context), "en");
    await screenshot(page, "home-en");

    await page.reload();
    assert.equal(await text(page, "h1"), "Local foreign affairs", "the choice is remembered after a reload");
    await page.goto("/provinces");
    assert.equal(await page.getAttribute("html", "lang"), "en", "and on other pages");
    await screenshot(page, "provinces-en");

    // Back to Vietnamese, from a page with a query string: `next` brings us back to it.
    await page.goto("/provinces?as_of=2025-06-30");
    await page.click("#lang-switch");
    await page.waitForSelector('html[lang="vi"]', { state: "attached" });
    assert.equal(page.url(), `${server.baseUrl}/provinces?as_of=2025-06-30`, "next= brought us back");
    assert.equal(await text(page, "#province-count strong"), "63");
    assert.equal(await langCookie(context), "vi");
    await page.goto("/");
    assert.equal(await text(page, "h1"), "Đối ngoại địa phương");
    await screenshot(page, "home-vi-again");
  });
});

test("country search updates the results live (htmx)", async () => {
  await withPage(async (page) => {
    await page.goto("/countries");
    assert.equal(await page.locator("#countries tbody tr").count() > 10, true);
    const swapped = page.waitForResponse((r) => new URL(r.url()).pathname === "/countries" &&
      new URL(r.url()).searchParams.get("q") === "han quoc" && r.request().headers()["hx-request"] === "true");
    await page.locator("#country-q").fill("han quoc");
    const res = await swapped;
    assert.equal(res.status(), 200);
    await page.waitForFunction(() => document.querySelector("#countries")?.textContent.includes("Hàn Quốc"));
    const table = await text(page, "#countries");
    assert.match(table, /Hàn Quốc/);
    assert.doesNotMatch(table, /Nhật Bản/);
    assert.match(table, /\bKR\b/);
    assert.equal(await page.locator("#countries").count(), 1, "one results table: the fragment, not a whole page, was swapped in");
    assert.equal(await page.locator("#country-q").count(), 1);
    assert.equal(await page.locator("header.top").count(), 1);
    assert.match(await text(page, "#country-count"), /^\d+ /);
    assert.equal(await page.inputValue("#country-q"), "han quoc", "the input keeps its text");
    assert.match(page.url(), /[?&]q=han(\+|%20)quoc/, "hx-push-url put the search in the address");
    await assertVietnameseFont(page);
    await screenshot(page, "countries-han-quoc");

    // The pushed address renders the same results as a full page.
    await page.reload();
    assert.match(await text(page, "#countries"), /Hàn Quốc/);
    assert.equal(await page.inputValue("#country-q"), "han quoc");
  });
});

test("provinces list, then a province with its predecessors", async () => {
  await withPage(async (page) => {
    await page.goto("/provinces");
    assert.equal(await text(page, "#province-count strong"), "34");
    assert.equal(await page.locator("#provinces tbody tr").count(), 34);
    await assertVietnameseFont(page);
    await screenshot(page, "provinces");

    const link = page.locator("#provinces tbody tr td:nth-child(2) a", { hasText: "Hồ Chí Minh" });
    assert.equal(await link.count(), 1);
    await Promise.all([page.waitForURL("**/provinces/79?as_of=2025-07-01"), link.click()]);
    assert.equal(await text(page, "#province-name"), "Thành phố Hồ Chí Minh");
    const predecessors = await text(page, "#predecessors");
    assert.match(predecessors, /Bình Dương/);
    assert.match(predecessors, /Bà Rịa - Vũng Tàu/);
    assert.match(predecessors, /Hồ Chí Minh/);
    assert.equal(await page.locator("#predecessors li").count(), 3);
    await assertVietnameseFont(page);
    await screenshot(page, "province-79");

    // From a predecessor back to what it became.
    await Promise.all([page.waitForURL("**/provinces/74?as_of=2025-06-30"),
      page.locator("#predecessors a", { hasText: "Bình Dương" }).click()]);
    assert.equal(await text(page, "#province-name"), "Tỉnh Bình Dương");
    assert.match(await text(page, "#successor"), /Thành phố Hồ Chí Minh \(79\)/);
    assert.match(await text(page, "#siblings"), /Bà Rịa - Vũng Tàu/);
    await screenshot(page, "province-74-2025-06-30");
  });
});

test("the 63 units before the merger", async () => {
  await withPage(async (page) => {
    const res = await page.goto("/provinces?as_of=2025-06-30");
    assert.equal(res.status(), 200);
    assert.equal(await text(page, "#province-count strong"), "63");
    assert.match(await text(page, "#province-count"), /30\/06\/2025/);
    assert.equal(await page.locator("#provinces tbody tr").count(), 63);
    assert.equal(await page.inputValue("#as-of"), "2025-06-30");
    await screenshot(page, "provinces-2025-06-30");
  });
});

test("an unknown page gives the 404 page in Vietnamese with the request id", async () => {
  await withPage(async (page) => {
    const url = "/khong-co-trang-nay";
    const res = await page.goto(url);
    assert.equal(res.status(), 404);
    const requestId = res.headers()["x-request-id"];
    assert.match(requestId, /^[0-9a-f]{16}$/);
    assert.equal(await page.getAttribute("html", "lang"), "vi");
    assert.match(await text(page, "h1"), /404\s*Không tìm thấy/);
    assert.equal(await text(page, "#error-message"), "Không tìm thấy trang hoặc dữ liệu được yêu cầu.");
    assert.match(await text(page, ".error"), new RegExp(requestId), "the error box shows the request id");
    assert.match(await text(page, "footer"), new RegExp(requestId));
    await assertVietnameseFont(page);
    await screenshot(page, "not-found-404");
  }, { allowed: [[404, "/khong-co-trang-nay"]] });
});

test("a bad date gives the 400 page naming the problem", async () => {
  await withPage(async (page) => {
    const res = await page.goto("/provinces?as_of=31/02/2025");
    assert.equal(res.status(), 400);
    assert.equal(await page.getAttribute("html", "lang"), "vi");
    assert.match(await text(page, "h1"), /400/);
    assert.match(await text(page, "#error-message"), /as_of/);
    assert.match(await text(page, ".error"), new RegExp(res.headers()["x-request-id"]));
    await screenshot(page, "bad-request-400");
  }, { allowed: [[400, "/provinces?as_of=31/02/2025"]] });
});

test("the site has an icon", async () => {
  await withPage(async (page) => {
    await page.goto("/");
    const icons = page.locator('link[rel~="icon"]');
    assert.equal(await icons.count(), 1, "layout.html names an icon (otherwise Chromium asks for /favicon.ico)");
    const href = await icons.first().getAttribute("href");
    const res = await page.request.get(new URL(href, server.baseUrl).href);
    assert.equal(res.status(), 200, `GET ${href}`);
  });
});

test("a unit still in force says so under “Hiệu lực đến”", async () => {
  await withPage(async (page) => {
    await page.goto("/provinces/79?as_of=2025-07-01");
    const row = page.locator(".facts dt", { hasText: "Hiệu lực đến" }).locator("xpath=following-sibling::dd[1]");
    assert.equal((await row.innerText()).trim(), "Đang hiệu lực");
  });
});

// ---------------------------------------------------------------------------------------------
// Signing in and out, roles, the audit trail, API tokens.

test("a visit while signed out lands on the sign-in form, which leads back to the page", async () => {
  await withPage(async (page, context) => {
    const res = await page.goto("/provinces");
    assert.equal(res.status(), 200);
    const redirected = res.request().redirectedFrom();
    assert.equal(redirected?.url(), `${server.baseUrl}/provinces`, "redirected");
    assert.equal((await redirected.response()).status(), 303);
    assert.equal(page.url(), `${server.baseUrl}/login?next=%2Fprovinces`);
    assert.equal(await page.getAttribute("html", "lang"), "vi");
    assert.equal(await text(page, "h1"), "Đăng nhập");
    assert.equal(await page.inputValue('#login-form input[name="next"]'), "/provinces");
    assert.equal(await page.locator("#logout").count(), 0, "nobody is signed in");
    assert.ok((await context.cookies()).some((c) => c.name === "nv_csrf"), "the form's double-submit cookie");
    await assertVietnameseFont(page);
    await screenshot(page, "login");

    const back = await loginInBrowser(page, "demo-admin");
    assert.equal(back.status(), 200);
    assert.equal(page.url(), `${server.baseUrl}/provinces`, "back where we were going");
    assert.equal(await text(page, "#province-count strong"), "34");
    assert.match(await text(page, "#account-link"), /Quản trị \(demo\)/);
    const session = (await context.cookies()).find((c) => c.name === "nv_session");
    assert.ok(session, "a session cookie");
    assert.equal(session.httpOnly, true);
    assert.equal(session.sameSite, "Lax");
  }, { as: null });
});

test("a wrong password is refused in Vietnamese, and in English after switching language", async () => {
  await withPage(async (page, context) => {
    await page.goto("/login");
    const res = await loginInBrowser(page, "demo-viewer", "not-the-password");
    assert.equal(res.status(), 401);
    assert.equal(await text(page, "#login-error"), "Tên đăng nhập hoặc mật khẩu không đúng.");
    assert.equal(await page.inputValue("#login"), "demo-viewer", "the login is kept");
    assert.equal(await page.inputValue("#password"), "", "the password is not sent back");
    assert.equal(await page.locator("#logout").count(), 0);
    await screenshot(page, "login-error-vi");

    // The language switch works on the sign-in form.
    await page.click("#lang-switch");
    await page.waitForSelector('html[lang="en"]', { state: "attached" });
    assert.equal(new URL(page.url()).pathname, "/login");
    assert.equal(await langCookie(context), "en");
    assert.equal(await text(page, "h1"), "Sign in");
    assert.equal(await page.locator("#login-error").count(), 0);
    const again = await loginInBrowser(page, "demo-viewer", "still-not-the-password");
    assert.equal(again.status(), 401);
    assert.equal(await page.getAttribute("html", "lang"), "en");
    assert.equal(await text(page, "#login-error"), "The login or the password is not correct.");
    await screenshot(page, "login-error-en");

    // An account that does not exist gets the same answer.
    const unknown = await loginInBrowser(page, "khong-co-ai", "whatever-it-is");
    assert.equal(unknown.status(), 401);
    assert.equal(await text(page, "#login-error"), "The login or the password is not correct.");
  }, { as: null, allowed: [[401, "/login"]] });
});

test("the sixth failed sign-in within 15 minutes is refused (429), even with the right password", async () => {
  await withPage(async (page) => {
    await page.goto("/login");
    for (let i = 1; i <= 5; i++) {
      const res = await loginInBrowser(page, "officer-96-01", `wrong-${i}`);
      assert.equal(res.status(), 401, `attempt ${i}`);
    }
    const sixth = await loginInBrowser(page, "officer-96-01", "wrong-6");
    assert.equal(sixth.status(), 429);
    assert.match(await text(page, "#login-error"), /^Đăng nhập sai quá nhiều lần\. Vui lòng thử lại sau 15 phút\.$/);
    const right = await loginInBrowser(page, "officer-96-01");
    assert.equal(right.status(), 429, "the right password does not get through either");
    assert.equal(await page.locator("#logout").count(), 0);
    await screenshot(page, "login-throttled");
  }, { as: null, allowed: [[401, "/login"], [429, "/login"]] });
});

test("signing out returns to the sign-in form, and /account then asks to sign in again", async () => {
  await withPage(async (page, context) => {
    await page.goto("/account");
    assert.equal(await text(page, "#account-login"), "demo-admin");
    await Promise.all([page.waitForURL("**/login"), page.click("#logout")]);
    assert.equal(page.url(), `${server.baseUrl}/login`);
    assert.equal(await text(page, "h1"), "Đăng nhập");
    assert.equal((await context.cookies()).find((c) => c.name === "nv_session"), undefined, "the session cookie is gone");
    await page.goto("/account");
    assert.equal(page.url(), `${server.baseUrl}/login?next=%2Faccount`);
    assert.equal(await page.locator("#login-form").count(), 1);
  });
});

test("a province officer sees no audit link and gets the 403 page at /audit", async () => {
  await withPage(async (page) => {
    await page.goto("/");
    assert.equal(await page.locator("header.top nav a").count(), 12,
      "home, provinces, countries, partners, agreements, due, delegations, events, schedule, indicators, dashboard, review");
    assert.doesNotMatch(await text(page, "header.top nav"), /Nhật ký/);
    assert.equal(await page.locator('a[href="/audit"]').count(), 0);
    assert.equal(await page.locator('a[href="/admin/users"]').count(), 0);

    const res = await page.goto("/audit");
    assert.equal(res.status(), 403);
    const requestId = res.headers()["x-request-id"];
    assert.match(requestId, /^[0-9a-f]{16}$/);
    assert.equal(await page.getAttribute("html", "lang"), "vi");
    assert.match(await text(page, "h1"), /403\s*Không có quyền truy cập/);
    assert.equal(await text(page, "#error-message"), "Bạn không có quyền truy cập trang hoặc dữ liệu này.");
    assert.match(await text(page, ".error"), new RegExp(requestId), "the error box shows the request id");
    assert.equal(await page.locator("#audit").count(), 0, "no audit entries leak");
    await screenshot(page, "forbidden-403");

    const users = await page.goto("/admin/users");
    assert.equal(users.status(), 403);
    assert.equal(await page.locator("#users").count(), 0);
  }, { as: "demo-officer-01", allowed: [[403, "/audit"], [403, "/admin/users"]] });
});

test("an administrator sees the audit trail, with the sign-ins, and the user accounts", async () => {
  await withPage(async (page) => {
    await page.goto("/");
    const link = page.locator("header.top nav a", { hasText: "Nhật ký" });
    assert.equal(await link.count(), 1);
    await Promise.all([page.waitForURL("**/audit"), link.click()]);
    assert.equal(await text(page, "h1"), "Nhật ký kiểm toán");
    const rows = page.locator("#audit tbody tr");
    assert.ok(await rows.count() > 10, "entries are listed");
    const first = await text(page, "#audit tbody tr:first-child");
    assert.match(first, /demo-admin/, "the newest entry is this sign-in");
    assert.match(first, /\blogin\b/);
    assert.match(first, /127\.0\.0\.1/);
    assert.match(first, /\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}/, "dd/mm/yyyy hh:mm:ss");
    await assertVietnameseFont(page);
    await screenshot(page, "audit");

    // Filtered to the sign-ins of demo-admin.
    await page.fill("#audit-user", "demo-admin");
    await page.fill('input[name="action"]', "login");
    await Promise.all([page.waitForURL(/[?&]action=login/), page.click('form.filters button[type="submit"]')]);
    const filtered = await page.locator("#audit tbody tr").allInnerTexts();
    assert.ok(filtered.length >= 1);
    assert.ok(filtered.every((r) => /demo-admin/.test(r) && /\blogin\b/.test(r)), filtered.join("\n"));

    // The accounts.
    const usersLink = page.locator("header.top nav a", { hasText: "Người dùng" });
    await Promise.all([page.waitForURL("**/admin/users"), usersLink.click()]);
    assert.equal(await page.locator("#users tbody tr").count(), 43, "admin, 8 demo-* and 34 officer-XX-01");
    const officer = page.locator("#users tbody tr", { hasText: "demo-officer-01" });
    assert.match(await officer.innerText(), /Chuyên viên cấp tỉnh/);
    await screenshot(page, "users");

    await Promise.all([page.waitForURL("**/admin/users/demo-officer-01"), officer.locator("a").click()]);
    assert.match(await text(page, "h1"), /demo-officer-01/);
    const history = await text(page, "#history");
    assert.match(history, /system:demo/);
    assert.match(history, /\bcreate\b/);
    await screenshot(page, "user-history");
  });
});

test("an API token made on /account is shown once, then only listed, and can be revoked", async () => {
  await withPage(async (page) => {
    await page.goto("/account");
    assert.equal(await text(page, "#account-login"), "demo-admin");
    assert.equal(await page.locator("#tokens tbody tr").count(), 0, "no tokens yet");
    const name = "Máy chủ báo cáo của Sở";
    await page.fill("#token-name", name);
    const [res] = await Promise.all([page.waitForNavigation(), page.click("#token-create")]);
    assert.equal(res.status(), 201);
    const token = await text(page, "#new-token");
    assert.match(token, /^nvt_[A-Za-z0-9_-]{43}$/);
    await screenshot(page, "token-created");

    // The token works for the API.
    const me = await fetch(`${server.baseUrl}/api/v1/me`, { headers: { Authorization: `Bearer ${token}` } });
    assert.equal(me.status, 200);
    assert.equal((await me.json()).login, "demo-admin");

    await page.goto("/account");
    const row = page.locator("#tokens tbody tr", { hasText: name });
    assert.equal(await row.count(), 1, "listed");
    assert.match(await row.innerText(), new RegExp(`${token.slice(0, 10)}…`), "by its first characters");
    assert.ok(!(await page.content()).includes(token), "never again in full");
    await screenshot(page, "account");

    await Promise.all([page.waitForURL("**/account"), row.locator('button[type="submit"]').click()]);
    assert.match(await text(page, `#tokens tbody tr:has-text("${name}")`), /Đã thu hồi/);
    const after = await fetch(`${server.baseUrl}/api/v1/me`, { headers: { Authorization: `Bearer ${token}` } });
    assert.equal(after.status, 401, "a revoked token is refused");
  });
});

test("the profile form saves a new name, and a stale second tab gets the 409 conflict with the current values", async () => {
  await withPage(async (page, context) => {
    await page.goto("/account");
    const oldName = await page.inputValue("#profile-name");
    assert.match(oldName, /\(Lãnh đạo Hà Nội\)$/, "the demo's name for demo-leader-01");
    const version = Number(await page.inputValue('#profile-form input[name="version"]'));
    assert.ok(version >= 1, `version ${version}`);

    // A second tab opens the same form before the first one saves: its form becomes stale.
    const other = await context.newPage();
    const otherProblems = [];
    other.on("console", (msg) => { if (msg.type() === "error" && !/status of 409/.test(msg.text())) otherProblems.push(msg.text()); });
    other.on("pageerror", (err) => otherProblems.push(`pageerror: ${err.message}`));
    other.on("response", (res) => {
      const url = new URL(res.url());
      if (res.status() >= 400 && !(res.status() === 409 && url.pathname === "/account/profile")) otherProblems.push(`HTTP ${res.status()} for ${res.url()}`);
    });
    await other.goto("/account");
    assert.equal(await other.inputValue('#profile-form input[name="version"]'), String(version));

    // The first tab saves a new name.
    const newName = "Nguyễn Thị Hoà (Lãnh đạo Hà Nội)";
    await page.fill("#profile-name", newName);
    await page.fill("#profile-email", "hoa.nt@songoaivu.example.vn");
    await Promise.all([page.waitForURL("**/account?saved=1"), page.click("#profile-save")]);
    assert.equal(await text(page, "#profile-saved"), "Đã lưu hồ sơ.");
    assert.equal(await page.inputValue("#profile-name"), newName);
    assert.equal(await page.inputValue("#profile-email"), "hoa.nt@songoaivu.example.vn");
    assert.equal(await page.inputValue('#profile-form input[name="version"]'), String(version + 1));
    assert.equal(await text(page, "#account-link"), newName, "the header shows the new name");
    await assertVietnameseFont(page);
    await screenshot(page, "profile-saved");

    // The second tab submits its stale form: 409, the conflict, and the values saved meanwhile.
    await other.fill("#profile-name", "Tên từ thẻ cũ");
    const [res] = await Promise.all([other.waitForNavigation(), other.click("#profile-save")]);
    assert.equal(res.status(), 409);
    assert.match(await text(other, "#profile-conflict"), /đã được thay đổi ở nơi khác/);
    assert.equal(await other.locator("#profile-saved").count(), 0);
    assert.equal(await other.inputValue("#profile-name"), newName, "the form shows the current name");
    assert.equal(await other.inputValue('#profile-form input[name="version"]'), String(version + 1), "and the current version");
    await screenshot(other, "profile-conflict-409");

    // Submitted again from there, it goes through.
    await other.fill("#profile-name", "Tên từ thẻ cũ");
    await Promise.all([other.waitForURL("**/account?saved=1"), other.click("#profile-save")]);
    assert.equal(await other.inputValue("#profile-name"), "Tên từ thẻ cũ");
    assert.equal(await other.inputValue('#profile-form input[name="version"]'), String(version + 2));
    assert.deepEqual(otherProblems, [], "console errors, page errors or failed requests in the second tab");
  }, { as: "demo-leader-01" });
});
