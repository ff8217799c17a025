// Unit tests for the binary lookup order (setting > bundled > PATH > error).
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { resolveServer, ServerNotFoundError } = require("../out/resolve.cjs");

function exe(dir, name = "secmd") {
  fs.mkdirSync(dir, { recursive: true });
  const p = path.join(dir, name);
  fs.writeFileSync(p, "#!/bin/sh\n");
  fs.chmodSync(p, 0o755);
  return p;
}

const root = fs.mkdtempSync(path.join(os.tmpdir(), "secmd-resolve-"));
test.after(() => fs.rmSync(root, { recursive: true, force: true }));
const ext = path.join(root, "ext");
const extEmpty = path.join(root, "ext-empty");
fs.mkdirSync(extEmpty);
const bundled = exe(path.join(ext, "server"));
const onPathDir = path.join(root, "bin");
const onPath = exe(onPathDir);
const custom = exe(path.join(root, "custom"), "my-secmd");

test("setting wins over bundled and PATH", () => {
  const r = resolveServer({ configured: custom, extensionPath: ext, envPath: onPathDir, platform: "linux" });
  assert.deepEqual(r, { command: custom, source: "setting" });
});

test("bundled binary is used when no setting", () => {
  const r = resolveServer({ configured: null, extensionPath: ext, envPath: onPathDir, platform: "linux" });
  assert.deepEqual(r, { command: bundled, source: "bundled" });
});

test("PATH is used when nothing bundled", () => {
  const r = resolveServer({ configured: "", extensionPath: extEmpty, envPath: `/nonexistent:${onPathDir}`, platform: "linux" });
  assert.deepEqual(r, { command: onPath, source: "path" });
});

test("bare command name in the setting is looked up on PATH", () => {
  const r = resolveServer({ configured: "my-secmd", extensionPath: extEmpty, envPath: path.dirname(custom), platform: "linux" });
  assert.deepEqual(r, { command: custom, source: "setting" });
});

test("non-executable file is skipped", () => {
  const dir = path.join(root, "noexec");
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, "secmd"), "");
  assert.throws(() => resolveServer({ extensionPath: extEmpty, envPath: dir, platform: "linux" }), ServerNotFoundError);
});

test("nothing found: error names the exact fix", () => {
  assert.throws(
    () => resolveServer({ extensionPath: extEmpty, envPath: "/nonexistent", platform: "linux" }),
    (e) => e instanceof ServerNotFoundError && /set "secmd\.server\.path"/.test(e.message) && /cargo build --release/.test(e.message),
  );
});

test("a wrong setting is an error, not a silent fallback", () => {
  assert.throws(
    () => resolveServer({ configured: "/no/such/secmd", extensionPath: ext, envPath: onPathDir, platform: "linux" }),
    (e) => e instanceof ServerNotFoundError && e.message.includes("/no/such/secmd"),
  );
});
