// Locating the secmd binary. Kept free of any `vscode` import so it can be
// unit-tested with plain Node (see test/resolve.test.cjs).
import * as fs from "fs";
import * as path from "path";

export type ServerSource = "setting" | "bundled" | "path";

export interface Resolved {
  command: string;
  source: ServerSource;
}

export interface ResolveInput {
  /** Value of `secmd.server.path` (may be empty/undefined). */
  configured?: string | null;
  /** Absolute path of the extension's install directory. */
  extensionPath: string;
  /** process.platform */
  platform?: NodeJS.Platform;
  /** process.env.PATH */
  envPath?: string;
  /** Home directory, for expanding a leading `~`. */
  home?: string;
}

export const exeName = (platform: NodeJS.Platform = process.platform) =>
  platform === "win32" ? "secmd.exe" : "secmd";

function isExecutableFile(p: string, platform: NodeJS.Platform): boolean {
  try {
    const st = fs.statSync(p);
    if (!st.isFile()) return false;
    if (platform !== "win32") fs.accessSync(p, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** `which secmd`: first executable `secmd` on PATH. */
export function findOnPath(
  envPath: string | undefined,
  platform: NodeJS.Platform,
  name: string = exeName(platform),
): string | undefined {
  if (!envPath) return undefined;
  const sep = platform === "win32" ? ";" : ":";
  if (platform === "win32" && !name.toLowerCase().endsWith(".exe")) name += ".exe";
  for (const dir of envPath.split(sep)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    if (isExecutableFile(candidate, platform)) return candidate;
  }
  return undefined;
}

export class ServerNotFoundError extends Error {
  constructor(message: string, readonly configured?: string) {
    super(message);
  }
}

/**
 * Order: `secmd.server.path` setting, else the binary bundled in the
 * extension (`<ext>/server/secmd`), else `secmd` on PATH.
 * A configured path that does not exist is an error (no silent fallback), so
 * a typo in the setting is reported instead of running some other binary.
 */
export function resolveServer(input: ResolveInput): Resolved {
  const platform = input.platform ?? process.platform;
  const configured = (input.configured ?? "").trim();
  if (configured) {
    let p = configured;
    if (p === "~" || p.startsWith("~/")) p = path.join(input.home ?? "", p.slice(1));
    if (isExecutableFile(p, platform)) return { command: p, source: "setting" };
    // A bare command name ("secmd-nightly") is looked up on PATH.
    if (!p.includes("/") && !p.includes("\\")) {
      const onPath = findOnPath(input.envPath, platform, p);
      if (onPath) return { command: onPath, source: "setting" };
    }
    throw new ServerNotFoundError(
      `secmd: the binary set in "secmd.server.path" (${configured}) does not exist or is not executable. ` +
        `Fix: set "secmd.server.path" to the absolute path of the secmd binary (for example the ` +
        `target/release/secmd of \`cargo build --release\`), or remove the setting to use \`secmd\` from PATH.`,
      configured,
    );
  }
  const bundled = path.join(input.extensionPath, "server", exeName(platform));
  if (isExecutableFile(bundled, platform)) return { command: bundled, source: "bundled" };
  const onPath = findOnPath(input.envPath, platform);
  if (onPath) return { command: onPath, source: "path" };
  throw new ServerNotFoundError(
    `secmd: language server binary not found (no "secmd.server.path" setting, no bundled binary, ` +
      `no \`secmd\` on PATH). Fix: build it with \`cargo build --release\` in the secmd repository and set ` +
      `"secmd.server.path" to the absolute path of target/release/secmd, or copy that binary onto your PATH ` +
      `as \`secmd\`, then run "secmd: Restart Language Server".`,
  );
}
