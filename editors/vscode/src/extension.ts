// Thin VS Code client for `secmd lsp`. All analysis lives in the Rust server:
// this file only finds the binary, starts it, forwards settings and gets out
// of the way.
import * as os from "os";
import * as vscode from "vscode";
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  State,
  TransportKind,
} from "vscode-languageclient/node";
import { resolveServer, ServerNotFoundError } from "./resolve";

/** Files named SECURITY.md in any letter case. */
export const SECURITY_MD_GLOB = "**/[Ss][Ee][Cc][Uu][Rr][Ii][Tt][Yy].[Mm][Dd]";
/** RFC 9116 security.txt files in any letter case (`.well-known/`, the root, `public/`, `static/`…). */
export const SECURITY_TXT_GLOB = "**/[Ss][Ee][Cc][Uu][Rr][Ii][Tt][Yy].[Tt][Xx][Tt]";

let client: LanguageClient | undefined;
let log: vscode.LogOutputChannel;
let extensionPath = "";

/** The `secmd.*` settings the server understands, as sent in initializationOptions. */
function serverSettings(): { rules: Record<string, string>; maxAgeDays: number } {
  const cfg = vscode.workspace.getConfiguration("secmd");
  return {
    rules: { ...(cfg.get<Record<string, string>>("rules") ?? {}) },
    maxAgeDays: cfg.get<number>("maxAgeDays") ?? 365,
  };
}

async function start(): Promise<void> {
  const cfg = vscode.workspace.getConfiguration("secmd");
  let resolved;
  try {
    resolved = resolveServer({
      configured: cfg.get<string | null>("server.path"),
      extensionPath,
      envPath: process.env.PATH,
      home: os.homedir(),
    });
  } catch (e) {
    const msg = e instanceof ServerNotFoundError ? e.message : String(e);
    log.error(msg);
    const open = "Open Settings";
    void vscode.window.showErrorMessage(msg, open).then((choice) => {
      if (choice === open) {
        void vscode.commands.executeCommand("workbench.action.openSettings", "secmd.server.path");
      }
    });
    return;
  }
  log.info(`starting ${resolved.command} lsp (found via ${resolved.source})`);

  const args = ["lsp", ...(cfg.get<string[]>("server.extraArgs") ?? [])];
  const serverOptions: ServerOptions = {
    run: { command: resolved.command, args, transport: TransportKind.stdio },
    debug: { command: resolved.command, args, transport: TransportKind.stdio },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", pattern: SECURITY_MD_GLOB },
      { scheme: "untitled", pattern: SECURITY_MD_GLOB },
      { scheme: "file", pattern: SECURITY_TXT_GLOB },
      { scheme: "untitled", pattern: SECURITY_TXT_GLOB },
    ],
    initializationOptions: serverSettings(),
    // Sends workspace/didChangeConfiguration with { secmd: {...} } whenever a
    // secmd.* setting changes, and answers workspace/configuration requests.
    synchronize: { configurationSection: "secmd" },
    outputChannel: log,
    traceOutputChannel: log,
  };

  client = new LanguageClient("secmd", "secmd", serverOptions, clientOptions);
  client.onDidChangeState((e) => {
    if (e.newState === State.Stopped) log.info("secmd lsp stopped");
  });
  try {
    await client.start();
    const info = client.initializeResult?.serverInfo;
    log.info(`secmd lsp running${info ? ` (${info.name} ${info.version ?? ""})` : ""}`);
  } catch (e) {
    log.error(`failed to start ${resolved.command} lsp: ${String(e)}`);
    void vscode.window.showErrorMessage(
      `secmd: failed to start "${resolved.command} lsp": ${String(e)}. ` +
        `Fix: check that "secmd.server.path" points to a working secmd binary (run "${resolved.command} --version" in a terminal).`,
    );
  }
}

async function stop(): Promise<void> {
  const c = client;
  client = undefined;
  if (!c) return;
  try {
    if (c.isRunning()) await c.stop(5000);
  } catch (e) {
    log.warn(`error while stopping secmd lsp: ${String(e)}`);
  }
  await c.dispose().catch(() => undefined);
}

async function restart(): Promise<void> {
  log.info("restarting secmd lsp");
  await stop();
  await start();
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  extensionPath = context.extensionPath;
  log = vscode.window.createOutputChannel("secmd", { log: true });
  context.subscriptions.push(
    log,
    vscode.commands.registerCommand("secmd.restart", restart),
    vscode.commands.registerCommand("secmd.showLog", () => log.show()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      // Rules/maxAgeDays/trace reach the running server through
      // didChangeConfiguration; only a different binary needs a restart.
      if (e.affectsConfiguration("secmd.server")) void restart();
    }),
    { dispose: () => void stop() },
  );
  await start();
}

export async function deactivate(): Promise<void> {
  await stop();
}
