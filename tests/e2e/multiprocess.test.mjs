// Several `ngoaivu serve` processes on one PostgreSQL database behave as one (issue 4): a session
// opened through one process continues through another and ends everywhere when it ends through
// either; two processes writing the same record are caught by the same optimistic-locking rule;
// the audit chain that both processes append to stays intact.
//
// Needs NGOAIVU_TEST_POSTGRES, the admin URL of the throw-away cluster that `make test` starts
// (scripts/pg_test_cluster.sh run bash tests/e2e/run.sh). Without it the tests are skipped with
// that reason; `make test` always provides it.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { binaryPath, launchChromium, loginInBrowser, repoRoot, startServer } from "./support/server.mjs";

const ADMIN_URL = process.env.NGOAIVU_TEST_POSTGRES;
const skip = ADMIN_URL ? false : "needs NGOAIVU_TEST_POSTGRES (make test starts a PostgreSQL test cluster)";
const SCREENSHOTS = path.join(repoRoot, "test-artifacts", "screenshots");
const DB_NAME = `e2e_multiprocess_${process.pid}`;

let a;
let b;
let browser;

function psql(sql) {
  const r = spawnSync("psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", ADMIN_URL, "-c", sql], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`psql ${sql}: ${r.stderr}`);
}

// The admin URL with its database name replaced.
function databaseUrl(name) {
  return ADMIN_URL.replace(/^(postgres(?:ql)?:\/\/[^/?]*)(\/[^?]*)?/, `$1/${name}`);
}

before(async () => {
  if (skip) return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  psql(`CREATE DATABASE ${DB_NAME}`);
  const url = databaseUrl(DB_NAME);
  a = await startServer({ name: "mp-a", database: url });
  b = await startServer({ name: "mp-b", database: url, init: false });
  browser = await launchChromium();
});

after(async () => {
  if (skip) return;
  try {
    await browser?.close();
    await a?.stop();
    await b?.stop();
  } finally {
    psql(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  }
});

async function api(server, method, url, token, body) {
  const res = await fetch(`${server.baseUrl}${url}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body ? { "Content-Type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

test("a session opened through one process continues through the other, and ends on both", { skip }, async () => {
  assert.notEqual(a.port, b.port);
  const context = await browser.newContext({ baseURL: a.baseUrl, locale: "vi-VN" });
  context.setDefaultTimeout(15000);
  const page = await context.newPage();
  try {
    const res = await loginInBrowser(page, "demo-officer-01");
    assert.equal(res.status(), 200, `signing in through process A: ${res.status()}\n${a.log()}`);
    // Cookies are per host, not per port: the browser carries A's session to B.
    const onB = await page.goto(`${b.baseUrl}/account`);
    assert.equal(onB.status(), 200, `process B did not accept A's session:\n${b.log()}`);
    assert.equal(await page.textContent("#account-login"), "demo-officer-01");
    await page.screenshot({ path: path.join(SCREENSHOTS, "multiprocess-account-on-b.png"), fullPage: true });
    // Sign out through B (the form POSTs /logout with the session's CSRF token) …
    await Promise.all([page.waitForNavigation(), page.click("#logout")]);
    // … and A no longer knows the session either.
    const back = await page.goto(`${a.baseUrl}/account`);
    assert.match(new URL(back.url()).pathname, /^\/login/, "A still served the page after signing out on B");
  } finally {
    await context.close();
  }
});

test("two processes writing the same record: the stale write is refused with 409, whichever process takes it", { skip }, async () => {
  const token = a.token("demo-officer-01");
  const me = await api(a, "GET", "/api/v1/me", token);
  assert.equal(me.status, 200);
  const version = me.json.version;
  assert.ok(Number.isInteger(version) && version >= 1, `version: ${JSON.stringify(me.json)}`);

  const first = await api(a, "PATCH", "/api/v1/me", token, { display_name: "Nguyễn Văn A (qua A)", email: null, version });
  assert.equal(first.status, 200, JSON.stringify(first.json));
  assert.equal(first.json.version, version + 1);

  const stale = await api(b, "PATCH", "/api/v1/me", token, { display_name: "Trần Thị B (qua B)", email: null, version });
  assert.equal(stale.status, 409, JSON.stringify(stale.json));
  assert.equal(stale.json.error.code, "conflict");
  assert.equal(stale.json.error.field, "version");
  assert.ok(stale.json.error.message_vi && stale.json.error.message_en);

  // B reads what A wrote: one database, no cache between them.
  const seen = await api(b, "GET", "/api/v1/me", token);
  assert.equal(seen.json.display_name, "Nguyễn Văn A (qua A)");
  assert.equal(seen.json.version, version + 1);
});

test("racing writes through both processes: exactly one wins each round, and the audit chain holds", { skip }, async () => {
  const token = a.token("demo-officer-79");
  let { json: me } = await api(b, "GET", "/api/v1/me", token);
  for (let round = 1; round <= 10; round++) {
    const [ra, rb] = await Promise.all([
      api(a, "PATCH", "/api/v1/me", token, { display_name: `Vòng ${round} qua A`, email: null, version: me.version }),
      api(b, "PATCH", "/api/v1/me", token, { display_name: `Vòng ${round} qua B`, email: null, version: me.version }),
    ]);
    const statuses = [ra.status, rb.status].sort();
    assert.deepEqual(statuses, [200, 409], `round ${round}: ${JSON.stringify([ra.json, rb.json])}`);
    const winner = ra.status === 200 ? ra.json : rb.json;
    assert.equal(winner.version, me.version + 1);
    me = winner;
  }
  // Both processes appended to one hash chain; `ngoaivu audit verify` fails if it broke.
  assert.match(a.cli("audit", "verify"), /intact/);
});

test("an account disabled from the command line loses its API token in every process at the next request", { skip }, async () => {
  const token = a.token("demo-viewer");
  // Both processes have now authenticated the token and keep it in their caches.
  assert.equal((await api(a, "GET", "/api/v1/me", token)).status, 200);
  assert.equal((await api(b, "GET", "/api/v1/me", token)).status, 200);
  a.cli("user", "disable", "--login", "demo-viewer");
  // No wait for the cache to expire: the stored epoch moved, so both look again.
  assert.equal((await api(a, "GET", "/api/v1/me", token)).status, 401);
  assert.equal((await api(b, "GET", "/api/v1/me", token)).status, 401);
  a.cli("user", "enable", "--login", "demo-viewer");
  assert.equal((await api(b, "GET", "/api/v1/me", token)).status, 200);
});

test("the audit anchor printed once is checked later by audit verify --anchor", { skip }, async () => {
  const anchor = a.cli("audit", "anchor").trim();
  assert.match(anchor, /^\d+:[0-9a-f]{64}$/);
  // More entries through the other process do not disturb the anchor.
  a.cli("user", "disable", "--login", "demo-mofa-viewer");
  a.cli("user", "enable", "--login", "demo-mofa-viewer");
  assert.match(b.cli("audit", "verify", "--anchor", anchor), /intact: \d+ entries, 1 anchor\(s\) match/);
  const [id] = anchor.split(":");
  const forged = `${id}:${"0".repeat(64)}`;
  const r = spawnSync(binaryPath(), ["audit", "verify", "--anchor", forged, "--db", a.db], { encoding: "utf8" });
  assert.equal(r.status, 3, r.stderr);
  assert.match(r.stderr, /TAMPERED: entry \d+ differs from the anchor/);
});
