import * as vscode from 'vscode';

/** Roots a webview may load from: the shipped media and the built webview bundles, nothing else. */
export function webviewRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'media'), vscode.Uri.joinPath(extensionUri, 'dist', 'webview')];
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return { enableScripts: true, enableFindWidget: true, localResourceRoots: webviewRoots(extensionUri) };
}

export function makeNonce(): string {
  const bytes = new Uint8Array(18);
  crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString('base64').replace(/[+/=]/g, '');
}

export interface ShellOptions {
  title: string;
  /** Bundle name under dist/webview, without `.js`. */
  script: string;
  /** Stylesheets under media/ or dist/webview (paths relative to the extension). */
  styles: string[];
  /** Extra values for the webview, passed as an escaped data attribute. */
  data?: Record<string, string>;
}

/**
 * The HTML shell of every panel: a fresh nonce per load, `default-src 'none'`, scripts only with the
 * nonce, styles/fonts/images only from the extension (`'unsafe-inline'` styles because KaTeX and
 * mermaid emit inline style attributes), and startup data in a data attribute.
 */
export function renderShell(webview: vscode.Webview, extensionUri: vscode.Uri, opts: ShellOptions): string {
  const nonce = makeNonce();
  const uri = (p: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...p.split('/'))).toString();
  const csp = [
    "default-src 'none'",
    `img-src ${webview.cspSource} data:`,
    `font-src ${webview.cspSource}`,
    `style-src ${webview.cspSource} 'unsafe-inline'`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  const data = escapeAttr(JSON.stringify(opts.data ?? {}));
  const styles = opts.styles.map((s) => `<link rel="stylesheet" href="${uri(s)}">`).join('\n    ');
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <meta http-equiv="Content-Security-Policy" content="${csp}">
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
    ${styles}
    <title>${escapeAttr(opts.title)}</title>
  </head>
  <body data-settings="${data}" data-nonce="${nonce}">
    <div id="app" aria-live="polite"></div>
    <script nonce="${nonce}" src="${uri(`dist/webview/${opts.script}.js`)}"></script>
  </body>
</html>`;
}

export function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
