// Starts a throw-away ngoaivu server for an end-to-end test file: a fresh SQLite database in a
// temporary folder (`ngoaivu init`, which also creates the first administrator `admin` with a
// one-time password, then `ngoaivu demo --seed 1 --scale 1`, which adds the demo accounts, all
// with the password DEMO_PASSWORD), `serve` on 127.0.0.1 port 0 (the kernel picks a free port,
// which the server announces on stderr as {"msg":"listening","port":N}), and a stop() that
// always kills it. The binary comes from $NGOAIVU_BIN (default build/release/ngoaivu).
//
// Signing in:
//   server.token(login)           a Bearer token for that account (`ngoaivu user token`), cached;
//   server.session(login, pw)     signs in through the form (POST /login) without a browser and
//                                 gives { cookie, csrf } for requests that carry a session;
//   loginInBrowser(page, login)   fills and submits the sign-in form in a Playwright page.
//
// The server runs under a small /bin/sh watchdog that holds the read end of a pipe from this
// process: however this process ends (a failed test, an uncaught error, SIGKILL, or the test
// runner dying of EPIPE when its output is cut short), the pipe closes and the watchdog
// terminates the server, so no server outlives its test file.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

// Debian's Chromium, headless, with the flags every browser test uses ($CHROMIUM_BIN overrides
// the path). Playwright gives each launch a fresh temporary profile.
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_BIN || "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
}

// The password of every account made by `ngoaivu demo` (src/app/demo.hpp).
export const DEMO_PASSWORD = "Demo-Ngoaivu-2026";

export function binaryPath() {
  const bin = process.env.NGOAIVU_BIN || "build/release/ngoaivu";
  return path.isAbsolute(bin) ? bin : path.join(repoRoot, bin);
}

// Runs "$@" (the server) in the background with stdin from /dev/null and reports its pid. When
// fd 3 (the pipe from this process) reaches end of file, it sends SIGTERM, SIGKILL if the server
// is still there 5 s later, and removes the temporary folder.
const WATCHDOG = `
exec 3<&0
"$@" 3<&- </dev/null &
pid=$!
echo "{\\"server_pid\\":$pid}" >&2
(
  read -r _ <&3
  kill -TERM "$pid" 2>/dev/null
  for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
  rm -rf "$NGOAIVU_E2E_DIR"
) >/dev/null 2>&1 &
exec 3<&-
trap 'kill -TERM "$pid" 2>/dev/null' INT TERM HUP
wait "$pid"
status=$?
wait "$pid" 2>/dev/null
exit $status
`;

// Kill functions of every server started by this process, for a last-chance cleanup.
const running = new Set();
process.on("exit", () => {
  for (const kill of running) kill();
});

function run(bin, args, what) {
  const r = spawnSync(bin, args, { encoding: "utf8", timeout: 60000 });
  if (r.status !== 0) {
    throw new Error(`ngoaivu ${what} failed (${r.status ?? r.signal ?? r.error}):\n${r.stdout}\n${r.stderr}`);
  }
  return r.stdout;
}

// The value of `name` in the Set-Cookie headers of a fetch() response.
export function setCookieValue(res, name) {
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const eq = pair.indexOf("=");
    if (pair.slice(0, eq).trim() === name) return pair.slice(eq + 1).trim();
  }
  return undefined;
}

// The value of the first hidden _csrf input of an HTML page.
function csrfInput(html) {
  return /<input type="hidden" name="_csrf" value="([^"]*)"/.exec(html)?.[1];
}

// Signs in `page` (Playwright) through the form: opens /login (with ?next= when given) unless the
// page is on the sign-in form already, fills #login and #password, submits, and waits for the
// answer to the POST. Returns that answer (a 303 on success is followed, so normally the page
// we land on; 401 or 429 when refused).
export async function loginInBrowser(page, login, password = DEMO_PASSWORD, { next } = {}) {
  const onForm = new URL(page.url(), "http://x").pathname === "/login" && (await page.locator("#login-form").count()) === 1;
  if (!onForm || next !== undefined) {
    await page.goto(next === undefined ? "/login" : `/login?next=${encodeURIComponent(next)}`);
  }
  await page.fill("#login", login);
  await page.fill("#password", password);
  const [res] = await Promise.all([
    page.waitForNavigation(),
    page.click("#login-submit"),
  ]);
  return res;
}

// `database`: another database location (a postgresql:// URL shared by several servers) instead
// of a new SQLite file; with `init: false` the server uses it as it is (another process has
// initialised it), so `adminPassword` is undefined.
export async function startServer({ name = "e2e", demo = true, startTimeoutMs = 15000, database, init: doInit = true } = {}) {
  const bin = binaryPath();
  if (!existsSync(bin)) {
    throw new Error(`ngoaivu binary not found at ${bin}: build it (cmake --build --preset release) or set NGOAIVU_BIN`);
  }
  const dir = mkdtempSync(path.join(tmpdir(), `ngoaivu-${name}-`));
  const db = database ?? path.join(dir, "e2e.db");
  const logFile = path.join(dir, "server.log");

  let adminPassword;
  if (doInit) try {
    const init = run(bin, ["init", "--db", db], "init");
    adminPassword = /one-time password:\s*(\S+)/.exec(init)?.[1];
    if (!adminPassword) throw new Error(`ngoaivu init did not print the first administrator's one-time password:\n${init}`);
    if (demo) run(bin, ["demo", "--db", db, "--seed", "1", "--scale", "1"], "demo");
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }

  const child = spawn("/bin/sh", ["-c", WATCHDOG, "ngoaivu-e2e-watchdog", bin,
    "serve", "--db", db, "--listen", "127.0.0.1:0", "--log-file", logFile], {
    stdio: ["pipe", "pipe", "pipe"],
    env: { ...process.env, NGOAIVU_E2E_DIR: dir },
  });
  let serverPid = null;
  const killServer = () => {
    if (serverPid) {
      try {
        process.kill(serverPid, "SIGKILL");
      } catch {
        // already gone
      }
    }
  };
  running.add(killServer);
  let output = "";
  let exited = null;
  const exitPromise = new Promise((resolve) => {
    child.on("exit", (code, signal) => {
      exited = { code, signal };
      running.delete(killServer);
      resolve(exited);
    });
  });

  // Closing the watchdog's stdin makes it send SIGTERM (SIGKILL 5 s later); the shell exits
  // when the server has.
  async function terminate() {
    if (exited) return;
    child.stdin.end();
    const killer = setTimeout(() => {
      killServer();
      child.kill("SIGKILL");
    }, 8000);
    await exitPromise;
    clearTimeout(killer);
  }

  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not announce its port within ${startTimeoutMs} ms:\n${output}`)), startTimeoutMs);
    const onData = (chunk) => {
      output += chunk.toString("utf8");
      const pid = output.match(/\{"server_pid":(\d+)\}/);
      if (pid) serverPid = Number(pid[1]);
      const m = output.match(/\{"msg":"listening","port":(\d+)\}/);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    exitPromise.then((e) => {
      clearTimeout(timer);
      reject(new Error(`server exited before listening (${e.code ?? e.signal}):\n${output}`));
    });
  }).catch(async (err) => {
    await terminate();
    await exitPromise;
    rmSync(dir, { recursive: true, force: true });
    throw err;
  });

  const baseUrl = `http://127.0.0.1:${port}`;

  async function stop() {
    await terminate();
    rmSync(dir, { recursive: true, force: true });
  }

  // The server's JSON-lines log so far (for failure messages).
  function log() {
    try {
      return readFileSync(logFile, "utf8");
    } catch {
      return "";
    }
  }

  // A Bearer token for `login`, made by `ngoaivu user token` (one per login, cached).
  const tokens = new Map();
  function token(login) {
    if (!tokens.has(login)) {
      const out = run(bin, ["user", "token", "--db", db, "--login", login, "--name", "e2e"], `user token --login ${login}`);
      const t = /^nvt_\S+$/m.exec(out)?.[0];
      if (!t) throw new Error(`ngoaivu user token --login ${login} printed no token:\n${out}`);
      tokens.set(login, t);
    }
    return tokens.get(login);
  }

  // Signs in through the form, as a browser would (the nv_csrf double-submit cookie, then
  // POST /login), and returns the session cookie ("nv_session=...", for a Cookie header), the
  // session's CSRF token (from a page's hidden _csrf input) and where POST /login sent us.
  async function session(login, password = DEMO_PASSWORD) {
    const form = await fetch(`${baseUrl}/login`);
    const loginCsrf = setCookieValue(form, "nv_csrf");
    const formCsrf = csrfInput(await form.text());
    if (!loginCsrf || formCsrf !== loginCsrf) throw new Error(`GET /login: no nv_csrf cookie matching the form's _csrf (${loginCsrf} / ${formCsrf})`);
    const res = await fetch(`${baseUrl}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: `nv_csrf=${loginCsrf}` },
      body: new URLSearchParams({ _csrf: formCsrf, login, password, next: "/account" }).toString(),
    });
    const value = setCookieValue(res, "nv_session");
    if (res.status !== 303 || !value) throw new Error(`POST /login as ${login}: ${res.status} ${(await res.text()).slice(0, 300)}`);
    const cookie = `nv_session=${value}`;
    // /password is reachable even when the password must be changed first.
    const page = await fetch(`${baseUrl}/password`, { headers: { Cookie: cookie } });
    const csrf = csrfInput(await page.text());
    if (page.status !== 200 || !csrf) throw new Error(`GET /password as ${login}: ${page.status}, no _csrf`);
    return { cookie, csrf, location: res.headers.get("location") };
  }

  // Runs another `ngoaivu` command on this server's database and returns its output; throws
  // when it fails.
  function cli(...args) {
    return run(bin, [...args, "--db", db], args.join(" "));
  }

  return {
    baseUrl, port, db, adminPassword, stop, log, token, session, cli,
    get output() { return output; }, get exited() { return exited; },
  };
}
