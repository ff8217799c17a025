// End-to-end test of the packaged secmd VS Code extension in real VS Code
// (code-server), driven through headless Chromium with playwright-core.
//
// Environment:
//   CODE_SERVER    path to the code-server launcher (needs Node 24 first on PATH)
//   NODE24_BIN     directory holding Node 24's `node` (prepended to PATH for code-server)
//   VSIX           the packaged extension, installed with code-server --install-extension
//   SECMD_SOURCE   where the extension must find secmd: "bundled" (default; VSIX is the
//                  platform package, no secmd on PATH: the whole test) or "path" (VSIX is
//                  the universal package, SECMD_PATH_DIR is put on PATH: install, open,
//                  diagnostics and the log's "found via path" only)
//   SECMD_PATH_DIR folder holding a `secmd` for SECMD_SOURCE=path
//   SECMD_EXPECTED tests/editors/expected.json
//   FIXTURE        tests/editors/fixtures/workspace
//   SCREENSHOTS    directory for the screenshots (created)
//   CHROMIUM       default /usr/bin/chromium
//
// Every process started here (code-server and its children, Chromium) is
// stopped by PID before exit; the secmd server process is checked to be gone.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";

const env = (k, d) => {
  const v = process.env[k] ?? d;
  if (v === undefined) throw new Error(`${k} not set`);
  return v;
};
const CODE_SERVER = env("CODE_SERVER");
const NODE24_BIN = env("NODE24_BIN");
const VSIX = path.resolve(env("VSIX"));
const EXPECTED = JSON.parse(fs.readFileSync(env("SECMD_EXPECTED"), "utf8"));
const FIXTURE = path.resolve(env("FIXTURE"));
const SCREENSHOTS = path.resolve(env("SCREENSHOTS"));
const CHROMIUM = env("CHROMIUM", "/usr/bin/chromium");
const SOURCE = env("SECMD_SOURCE", "bundled");
if (!["bundled", "path"].includes(SOURCE)) throw new Error(`SECMD_SOURCE=${SOURCE}: want bundled or path`);
const LABEL = SOURCE === "bundled" ? "vscode (code-server)" : "vscode universal .vsix (code-server)";
const DEADLINE = Date.now() + 6 * 60 * 1000;

let passed = 0;
let failed = 0;
function check(cond, name, detail) {
  if (cond) {
    passed++;
    console.log(`ok - ${LABEL}: ${name}`);
  } else {
    failed++;
    console.log(`not ok - ${LABEL}: ${name}${detail ? `\n    ${String(detail).replace(/\n/g, "\n    ")}` : ""}`);
  }
  return cond;
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function waitFor(fn, timeoutMs, intervalMs = 250) {
  const end = Math.min(Date.now() + timeoutMs, DEADLINE);
  let last;
  while (Date.now() < end) {
    try {
      last = await fn();
      if (last) return last;
    } catch {
      /* retry */
    }
    await sleep(intervalMs);
  }
  return last;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

/** All descendants of `pid` (via /proc/<pid>/task/<tid>/children). */
function descendants(pid) {
  const out = [];
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop();
    let tasks = [];
    try {
      tasks = fs.readdirSync(`/proc/${p}/task`);
    } catch {
      continue;
    }
    for (const t of tasks) {
      let kids = "";
      try {
        kids = fs.readFileSync(`/proc/${p}/task/${t}/children`, "utf8");
      } catch {
        /* gone */
      }
      for (const k of kids.split(/\s+/).filter(Boolean)) {
        out.push(Number(k));
        stack.push(Number(k));
      }
    }
  }
  return out;
}
const cmdline = (pid) => {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
  } catch {
    return [];
  }
};
const alive = (pid) => {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return !/^\d+ \(.*\) Z/.test(stat); // zombies count as gone
  } catch {
    return false;
  }
};

const root = fs.mkdtempSync(path.join(os.tmpdir(), "secmd-vscode-e2e-"));
const ws = path.join(root, "workspace");
const userData = path.join(root, "user-data");
const extDir = path.join(root, "extensions");
fs.cpSync(FIXTURE, ws, { recursive: true });
fs.mkdirSync(path.join(userData, "User"), { recursive: true });
fs.mkdirSync(SCREENSHOTS, { recursive: true });
fs.writeFileSync(
  path.join(userData, "User", "settings.json"),
  JSON.stringify(
    {
      "workbench.startupEditor": "none",
      "workbench.tips.enabled": false,
      "workbench.enableExperiments": false,
      "workbench.welcomePage.walkthroughs.openOnInstall": false,
      "workbench.colorTheme": "Default Dark Modern",
      "security.workspace.trust.enabled": false,
      "telemetry.telemetryLevel": "off",
      "update.mode": "none",
      "extensions.autoCheckUpdates": false,
      "extensions.autoUpdate": false,
      "extensions.ignoreRecommendations": true,
      "chat.disableAIFeatures": true,
      "git.enabled": false,
      "npm.autoDetect": "off",
      "editor.minimap.enabled": false,
      "editor.wordWrap": "off",
      "editor.stickyScroll.enabled": false,
      "[markdown]": { "editor.wordWrap": "off" },
      "workbench.secondarySideBar.defaultVisibility": "hidden",
      "workbench.layoutControl.enabled": false,
      "editor.fontSize": 14,
      "editor.lightbulb.enabled": "on",
      "files.autoSave": "off",
      "markdown.validate.enabled": false,
      "window.title": "secmd e2e",
    },
    null,
    2,
  ),
);

// PATH as a user without secmd has it: every folder holding a `secmd` is
// dropped, so the platform package can only work through its bundled binary.
// The universal package gets SECMD_PATH_DIR in front instead.
const hasSecmd = (dir) => {
  try {
    fs.accessSync(path.join(dir, "secmd"), fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
};
// VS Code's server gives extensions the PATH of the user's login shell
// ($SHELL -ilc env), not its own: a user who installed secmd has it on PATH
// through their shell profile, so the universal test writes one, in a home
// of its own.
const userPath = (process.env.PATH ?? "").split(":").filter((d) => d && !hasSecmd(d));
const droppedPath = (process.env.PATH ?? "").split(":").filter((d) => d && hasSecmd(d));
const home = path.join(root, "home");
fs.mkdirSync(home, { recursive: true });
if (SOURCE === "path") {
  const dir = path.resolve(env("SECMD_PATH_DIR"));
  userPath.unshift(dir);
  fs.writeFileSync(path.join(home, ".bash_profile"), `export PATH="${dir}:$PATH"\n`);
}
const childEnv = {
  ...process.env,
  HOME: SOURCE === "path" ? home : process.env.HOME,
  SHELL: "/bin/bash",
  PATH: [NODE24_BIN, ...userPath].join(":"),
  // Never reach a marketplace: point the gallery at a closed local port.
  EXTENSIONS_GALLERY: JSON.stringify({
    serviceUrl: "http://127.0.0.1:9/gallery",
    itemUrl: "http://127.0.0.1:9/items",
    resourceUrlTemplate: "http://127.0.0.1:9/{publisher}/{name}/{version}/{path}",
  }),
  SECMD_TODAY: process.env.SECMD_TODAY ?? "2026-11-23",
};
const common = ["--user-data-dir", userData, "--extensions-dir", extDir, "--config", path.join(root, "config.yaml")];

let server; // code-server ChildProcess
let pageForFailureShot;
let browser;
let serverPids = [];
const log = fs.createWriteStream(path.join(root, "code-server.log"));

async function cleanup() {
  if (browser) {
    const bp = browser.process?.()?.pid;
    await browser.close().catch(() => undefined);
    if (bp && alive(bp)) process.kill(bp, "SIGKILL");
  }
  if (server && server.exitCode === null) {
    const all = [server.pid, ...descendants(server.pid)];
    try {
      process.kill(-server.pid, "SIGTERM"); // its own process group, by PID
    } catch {
      /* already gone */
    }
    const gone = await waitFor(() => all.every((p) => !alive(p)), 10000, 100);
    if (!gone) {
      for (const p of all) if (alive(p)) try { process.kill(p, "SIGKILL"); } catch { /* gone */ }
    }
  }
}

async function main() {
  // 0. The user's situation: no secmd.server.path, and secmd on PATH only for
  //    the universal package.
  const settings = JSON.parse(fs.readFileSync(path.join(userData, "User", "settings.json"), "utf8"));
  check(!Object.keys(settings).some((k) => k.startsWith("secmd.")), "no secmd.* setting in the user settings");
  // Both PATHs an extension can get: code-server's own and the login shell's.
  const which = spawnSync("sh", ["-c", "command -v secmd"], { env: childEnv, encoding: "utf8" });
  const loginWhich = spawnSync("/bin/bash", ["-ilc", "command -v secmd"], { env: childEnv, encoding: "utf8" });
  if (SOURCE === "bundled") {
    check(which.status !== 0 && loginWhich.stdout.trim() === "",
      `no secmd on code-server's PATH nor the login shell's${droppedPath.length ? ` (dropped ${droppedPath.join(", ")})` : ""}`,
      `${which.stdout} ${loginWhich.stdout}`);
  } else {
    const want = path.join(path.resolve(env("SECMD_PATH_DIR")), "secmd");
    check(which.stdout.trim() === want && loginWhich.stdout.trim().split("\n").pop() === want,
      "secmd on PATH (code-server's and the login shell's) from SECMD_PATH_DIR", `${which.stdout} ${loginWhich.stdout}`);
  }

  // 1. Install the packaged .vsix with code-server's own CLI.
  const inst = spawnSync(CODE_SERVER, [...common, "--install-extension", VSIX], {
    env: childEnv,
    encoding: "utf8",
    timeout: 120000,
  });
  check(
    inst.status === 0 && /successfully installed/i.test(inst.stdout + inst.stderr),
    "code-server --install-extension secmd.vsix",
    `${inst.status} ${inst.stdout} ${inst.stderr}`,
  );
  const installed = fs.readdirSync(extDir).filter((d) => d.startsWith("secmd.secmd-"));
  check(installed.length === 1, "extension present in --extensions-dir", fs.readdirSync(extDir).join(", "));
  const bundledBin = installed.length ? path.join(extDir, installed[0], "server", "secmd") : "";
  if (SOURCE === "bundled") {
    check(hasSecmd(path.dirname(bundledBin)), "the installed extension has an executable server/secmd", bundledBin);
  } else {
    check(!fs.existsSync(bundledBin), "the universal extension has no server/secmd", bundledBin);
  }

  // 2. Start code-server on 127.0.0.1 only.
  const port = await freePort();
  server = spawn(
    CODE_SERVER,
    [
      ...common,
      "--bind-addr",
      `127.0.0.1:${port}`,
      "--auth",
      "none",
      "--disable-telemetry",
      "--disable-update-check",
      "--disable-workspace-trust",
      "--disable-getting-started-override",
      "--ignore-last-opened",
      ws,
    ],
    { env: childEnv, detached: true, stdio: ["ignore", "pipe", "pipe"] },
  );
  server.stdout.pipe(log);
  server.stderr.pipe(log);
  const up = await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).ok, 60000, 300);
  if (!check(!!up, `code-server listening on 127.0.0.1:${port}`)) return;

  // 3. Chromium, every non-local request aborted.
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 760 }, deviceScaleFactor: 1 });
  const blocked = new Set();
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === "127.0.0.1" || url.protocol === "data:" || url.protocol === "blob:") return route.continue();
    blocked.add(url.host);
    return route.abort();
  });
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(ws)}`);
  const wb = await waitFor(async () => (await page.locator(".monaco-workbench").count()) > 0, 60000);
  if (!check(!!wb, "VS Code workbench loaded")) return;
  await waitFor(async () => (await page.locator(".explorer-folders-view .monaco-list-row").count()) > 0, 30000);

  // 4. Open SECURITY.md from the Explorer (Quick Open as a fallback).
  const shot = (name) => page.screenshot({ path: path.join(SCREENSHOTS, name) });
  pageForFailureShot = page;
  const tabOpen = async () => (await page.locator('.tabs-container .tab[aria-label*="SECURITY.md"]').count()) > 0;
  const explorerItem = page.locator('.explorer-folders-view .monaco-list-row[aria-label="SECURITY.md"]');
  let tab = false;
  for (let attempt = 0; attempt < 3 && !tab; attempt++) {
    if ((await explorerItem.count()) > 0) {
      await explorerItem.first().click();
    } else {
      // File: Open File... with the absolute path (code-server's simple file dialog).
      await page.keyboard.press("Control+O");
      const input = page.locator(".quick-input-widget input");
      await input.waitFor({ state: "visible", timeout: 15000 });
      await input.fill(path.join(ws, "SECURITY.md"));
      await sleep(500);
      await page.keyboard.press("Enter");
    }
    tab = await waitFor(tabOpen, 15000);
  }
  check(!!tab, "SECURITY.md opened in an editor tab");

  // 5. Problems panel: secmd diagnostics with codes and lines.
  await page.keyboard.press("Control+Shift+M");
  const rowSel = ".markers-panel .monaco-list-row";
  const want = EXPECTED.diagnostics.map((d) => `${d.code}@${d.line + 1}`).sort();
  const readProblems = async () => {
    const texts = await page.locator(rowSel).allInnerTexts();
    const res = [];
    for (const t of texts) {
      const flat = t.replace(/\s+/g, " ");
      // A marker row reads: "<message> secmd <code> [Ln 15, Col 29]".
      const m = /\bsecmd[\s(]*([a-z0-9-]+)\)? \[Ln (\d+), Col (\d+)\]/.exec(flat);
      if (m) res.push({ code: m[1], line: Number(m[2]), col: Number(m[3]), text: flat });
    }
    return res;
  };
  const problems = await waitFor(async () => {
    const p = await readProblems();
    return p.length >= want.length ? p : false;
  }, 60000);
  const got = (problems || []).map((p) => `${p.code}@${p.line}`).sort();
  check(
    JSON.stringify(got) === JSON.stringify(want),
    "Problems panel lists secmd diagnostics (code@line)",
    `got:  ${got.join(", ")}\nwant: ${want.join(", ")}\nrows: ${(await page.locator(rowSel).allInnerTexts()).join(" | ")}`,
  );
  const wantCols = EXPECTED.diagnostics.map((d) => `${d.code}@${d.line + 1}:${d.character + 1}`).sort();
  const gotCols = (problems || []).map((p) => `${p.code}@${p.line}:${p.col}`).sort();
  check(JSON.stringify(gotCols) === JSON.stringify(wantCols), "Problems panel columns match", `got ${gotCols} want ${wantCols}`);
  // The "secmd" log channel (a LogOutputChannel, also written to the
  // exthost log folder) says where the binary came from.
  const logFiles = (dir) =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
      d.isDirectory() ? logFiles(path.join(dir, d.name)) : d.name === "secmd.log" ? [path.join(dir, d.name)] : [],
    );
  const secmdLog = () => {
    const f = logFiles(path.join(userData, "logs")).find((x) => x.includes("secmd.secmd"));
    return f ? fs.readFileSync(f, "utf8") : "";
  };
  if (SOURCE === "path") {
    const want = `starting ${path.join(path.resolve(env("SECMD_PATH_DIR")), "secmd")} lsp (found via path)`;
    const found = await waitFor(() => secmdLog().includes(want), 10000);
    check(!!found, `secmd log: "${want}"`, secmdLog());
    const onPath = path.join(path.resolve(env("SECMD_PATH_DIR")), "secmd");
    const pids = descendants(server.pid).filter((p) => alive(p) && cmdline(p)[0] === onPath && cmdline(p).includes("lsp"));
    serverPids.push(...pids);
    check(pids.length === 1, "exactly one `secmd lsp` from PATH running under code-server", String(pids));
    await shot("vscode-universal-problems.png");
    return;
  }
  await sleep(500);
  await shot("vscode-problems.png");

  // 6. Quick fix through the UI: go to the insecure link, Ctrl+., pick "Use https".
  const fix = EXPECTED.quickfix;
  const fixDiag = EXPECTED.diagnostics.find((d) => d.code === fix.code && d.line === fix.line);
  await page.locator(".monaco-editor .view-lines").first().click();
  await page.keyboard.press("Control+G");
  await page.locator(".quick-input-widget input").waitFor({ state: "visible", timeout: 10000 });
  await page.keyboard.type(`${fix.line + 1}:${fixDiag.character + 4}`);
  await page.keyboard.press("Enter");
  await sleep(800);
  await page.keyboard.press("Control+.");
  const menuItem = page.locator(".action-widget .monaco-list-row", { hasText: fix.title });
  const menu = await waitFor(async () => (await menuItem.count()) > 0, 15000);
  const menuTexts = await page.locator(".action-widget .monaco-list-row").allInnerTexts().catch(() => []);
  if (check(!!menu, `quick fix menu (Ctrl+.) offers "${fix.title}"`, `menu: ${menuTexts.join(" | ")}`)) {
    await menuItem.first().hover().catch(() => undefined);
    await sleep(300);
    await shot("vscode-quickfix.png");
    await menuItem.first().click();
  }
  const lineText = async () => {
    const lines = await page.locator(".monaco-editor .view-lines .view-line").allInnerTexts();
    return lines.map((l) => l.replace(/\u00a0/g, " "));
  };
  const changed = await waitFor(async () => (await lineText()).some((l) => l === fix.after), 10000);
  check(!!changed, "editor text rewritten to https after the quick fix", (await lineText()).join("\n"));
  const cleared = await waitFor(async () => {
    const p = await readProblems();
    return p.length === want.length - 1 && !p.some((x) => x.code === fix.code) ? p : false;
  }, 20000);
  check(!!cleared, `Problems panel drops ${fix.code} after the fix`, JSON.stringify(await readProblems()));

  // 7. Save through the UI and check the file on disk.
  await page.locator(".monaco-editor .view-lines").first().click();
  await page.keyboard.press("Control+S");
  const onDisk = await waitFor(() => fs.readFileSync(path.join(ws, "SECURITY.md"), "utf8").split("\n")[fix.line] === fix.after, 10000);
  check(!!onDisk, "saved SECURITY.md on disk contains the https link");
  await sleep(500);
  await shot("vscode-after-fix.png");

  // 8. The server process is the bundled binary, a descendant of code-server.
  const secmdPids = () =>
    descendants(server.pid).filter((p) => {
      const c = cmdline(p);
      return alive(p) && c.some((a) => a.endsWith("/server/secmd")) && c.includes("lsp");
    });
  const firstPids = secmdPids();
  serverPids.push(...firstPids);
  check(firstPids.length === 1, "exactly one `secmd lsp` (bundled binary) running under code-server", String(firstPids));

  const runCommand = async (title) => {
    await page.keyboard.press("F1");
    await page.locator(".quick-input-widget input").waitFor({ state: "visible", timeout: 10000 });
    await page.keyboard.type(title);
    const row = page.locator(".quick-input-list .monaco-list-row", { hasText: title });
    const found = await waitFor(async () => (await row.count()) > 0, 10000);
    if (!found) {
      await page.keyboard.press("Escape");
      return false;
    }
    await page.keyboard.press("Enter");
    return true;
  };
  const afterFix = want.filter((w) => w !== `${fix.code}@${fix.line + 1}`);
  const problemsAre = async (list) => {
    const got = (await readProblems()).map((p) => `${p.code}@${p.line}`).sort();
    return JSON.stringify(got) === JSON.stringify([...list].sort()) ? got : false;
  };

  // 9. Settings reach the running server (workspace/didChangeConfiguration):
  //    turning a rule off in the user settings removes its diagnostics.
  // (Workspace settings: .vscode/settings.json, written as a user would.)
  const settingsFile = path.join(ws, ".vscode", "settings.json");
  fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
  const offCode = EXPECTED.settingsOff;
  fs.writeFileSync(settingsFile, JSON.stringify({ "secmd.rules": { [offCode]: "off" } }, null, 2));
  const offList = afterFix.filter((w) => !w.startsWith(`${offCode}@`));
  const turnedOff = await waitFor(() => problemsAre(offList), 20000);
  check(!!turnedOff, `"secmd.rules": {"${offCode}": "off"} in settings removes ${offCode} without a restart`,
    JSON.stringify(await readProblems()));
  fs.writeFileSync(settingsFile, "{}\n");
  const back = await waitFor(() => problemsAre(afterFix), 20000);
  check(!!back, `removing the setting brings ${offCode} back`, JSON.stringify(await readProblems()));

  // 10. "secmd: Restart Language Server" replaces the server process.
  const ran = await runCommand("secmd: Restart Language Server");
  check(ran, "command palette has \"secmd: Restart Language Server\"");
  const newPids = await waitFor(() => {
    const now = secmdPids();
    return now.length === 1 && !firstPids.includes(now[0]) ? now : false;
  }, 20000);
  check(!!newPids && !alive(firstPids[0]), "restart stopped the old secmd lsp and started a new one",
    `old ${firstPids} new ${secmdPids()}`);
  if (newPids) serverPids.push(...newPids);
  const republished = await waitFor(() => problemsAre(afterFix), 20000);
  check(!!republished, "diagnostics are back after the restart", JSON.stringify(await readProblems()));

  // 11. The "secmd" log output channel says where the binary came from.
  check(await runCommand("secmd: Show Log"), "command palette has \"secmd: Show Log\"");
  const panelText = async () =>
    (await page.locator(".part.panel .monaco-editor .view-lines").allInnerTexts()).join("\n").replace(/\u00a0/g, " ");
  const shown = await waitFor(async () => /\[info\]/.test(await panelText()), 10000);
  check(!!shown, "\"secmd: Show Log\" opens the secmd log in the Output panel", await panelText());
  const logBody = secmdLog();
  check(logBody.includes(`starting ${bundledBin} lsp (found via bundled)`) && /restarting secmd lsp/.test(logBody),
    "secmd log channel records the bundled binary and the restart", logBody || "no secmd.log");

  // 12. Completion: "## " at the start of a new last line, then Ctrl+Space.
  await page.locator(".monaco-editor .view-lines").first().click();
  await page.keyboard.press("Control+End");
  await page.keyboard.press("Enter");
  await page.keyboard.type("## ");
  await sleep(400);
  await page.keyboard.press("Control+Space");
  const suggestRows = page.locator(".editor-widget.suggest-widget .monaco-list-row");
  const labels = async () => (await suggestRows.allInnerTexts()).map((t) => t.replace(/\s+/g, " ").trim());
  const wantLabels = EXPECTED.completion.includes;
  const suggested = await waitFor(async () => {
    const l = await labels();
    return wantLabels.every((w) => l.some((x) => x.includes(w))) ? l : false;
  }, 15000);
  check(!!suggested, `completion after "## " suggests ${wantLabels.join(", ")}`, (await labels()).join(" | "));
  if (suggested) await shot("vscode-completion.png");
  await page.keyboard.press("Escape");
  check(blocked.size >= 0, `non-local requests aborted: ${[...blocked].join(", ") || "none attempted"}`);
}

let crashed;
try {
  await main();
} catch (e) {
  crashed = e;
  check(false, "test ran without exceptions", e?.stack ?? String(e));
} finally {
  if (failed > 0) {
    await pageForFailureShot?.screenshot({ path: path.join(SCREENSHOTS, "failure.png") }).catch(() => undefined);
    console.log(`# failure screenshot: ${path.join(SCREENSHOTS, "failure.png")}`);
  }
  await cleanup();
  const leftover = serverPids.filter(alive);
  check(leftover.length === 0, "secmd lsp and code-server stopped (no leftover processes)", String(leftover));
  if (failed > 0) {
    console.log(`# code-server log: ${path.join(root, "code-server.log")}`);
  } else {
    fs.rmSync(root, { recursive: true, force: true });
  }
  console.log(`# ${LABEL}: ${passed} passed, ${failed} failed`);
  process.exit(failed === 0 && !crashed ? 0 : 1);
}
