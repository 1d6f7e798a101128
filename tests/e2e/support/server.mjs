// Starts a throw-away ngoaivu server for an end-to-end test file: a fresh SQLite database in a
// temporary folder (`ngoaivu init`), `serve` on 127.0.0.1 port 0 (the kernel picks a free port,
// which the server announces on stderr as {"msg":"listening","port":N}), and a stop() that
// always kills it. The binary comes from $NGOAIVU_BIN (default build/release/ngoaivu).
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

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

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

export async function startServer({ name = "e2e", startTimeoutMs = 15000 } = {}) {
  const bin = binaryPath();
  if (!existsSync(bin)) {
    throw new Error(`ngoaivu binary not found at ${bin}: build it (cmake --build --preset release) or set NGOAIVU_BIN`);
  }
  const dir = mkdtempSync(path.join(tmpdir(), `ngoaivu-${name}-`));
  const db = path.join(dir, "e2e.db");
  const logFile = path.join(dir, "server.log");

  const init = spawnSync(bin, ["init", "--db", db], { encoding: "utf8", timeout: 60000 });
  if (init.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`ngoaivu init failed (${init.status ?? init.signal}):\n${init.stdout}\n${init.stderr}`);
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

  return { baseUrl, port, stop, log, get output() { return output; }, get exited() { return exited; } };
}
