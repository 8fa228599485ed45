import mermaid from 'mermaid';

/**
 * Mermaid, loaded by a lesson webview only when the lesson has a diagram (it is ~3 MB).
 * Exposed as a global so the lesson bundle stays small; `securityLevel: 'strict'` because lesson
 * markdown is untrusted.
 */
let lastTheme: string | undefined;
(window as unknown as { mlLabMermaid: unknown }).mlLabMermaid = {
  async render(nodes: HTMLElement[], dark: boolean): Promise<void> {
    const theme = dark ? 'dark' : 'default';
    if (theme !== lastTheme) {
      mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme, fontFamily: 'var(--vscode-font-family)' });
      lastTheme = theme;
    }
    await mermaid.run({ nodes, suppressErrors: false });
  },
};
