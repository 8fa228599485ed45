import * as vscode from 'vscode';
import type { Logger } from '../logger';

/** The light/dark icon pair of a panel, from media/icons/<name>-light.svg and -dark.svg. */
export function panelIcon(extensionUri: vscode.Uri, name: string): { light: vscode.Uri; dark: vscode.Uri } {
  return {
    light: vscode.Uri.joinPath(extensionUri, 'media', 'icons', `${name}-light.svg`),
    dark: vscode.Uri.joinPath(extensionUri, 'media', 'icons', `${name}-dark.svg`),
  };
}

/**
 * Messages from a webview are untrusted: each one goes through `parse` (a guard from
 * src/shared/protocol); invalid ones are logged and dropped; a handler that fails is logged and
 * reported back through `onFail`, never thrown into the extension host.
 */
export function receiveMessages<T>(
  webview: vscode.Webview,
  what: string,
  parse: (raw: unknown) => T | undefined,
  handle: (msg: T) => void | Promise<void>,
  log: Logger,
  onFail?: (message: string) => void,
): vscode.Disposable {
  return webview.onDidReceiveMessage((raw: unknown) => {
    const msg = parse(raw);
    if (msg === undefined) {
      log.warn(`Ignored an invalid message from the ${what} webview: ${preview(raw)}`);
      return;
    }
    Promise.resolve()
      .then(() => handle(msg))
      .catch((e: unknown) => {
        log.error(e instanceof Error ? e : new Error(String(e)));
        onFail?.(e instanceof Error ? e.message : String(e));
      });
  });
}

function preview(v: unknown): string {
  try {
    return JSON.stringify(v).slice(0, 200);
  } catch {
    return String(v);
  }
}
