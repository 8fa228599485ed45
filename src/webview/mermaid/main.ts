import mermaid from 'mermaid';

/**
 * Mermaid, loaded by a lesson webview only when the lesson has a diagram (it is ~3 MB).
 * Exposed as a global so the lesson bundle stays small; `securityLevel: 'strict'` because lesson
 * markdown is untrusted.
 */
let lastTheme: string | undefined;

/**
 * Mermaid scales a diagram down to the column width, so a wide flowchart ends up with 6 px text.
 * Let it shrink to 75% of its natural size at most (12 px text); beyond that the block scrolls sideways.
 */
const MIN_SCALE = 0.75;
function keepReadable(svg: SVGSVGElement | null): void {
  const natural = svg?.viewBox.baseVal?.width;
  if (svg && natural) svg.style.minWidth = `${Math.round(natural * MIN_SCALE)}px`;
}
(window as unknown as { mlLabMermaid: unknown }).mlLabMermaid = {
  async render(nodes: HTMLElement[], dark: boolean): Promise<void> {
    const theme = dark ? 'dark' : 'default';
    if (theme !== lastTheme) {
      mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme, fontFamily: 'var(--vscode-font-family)', sequence: { wrap: true } });
      lastTheme = theme;
    }
    await mermaid.run({ nodes, suppressErrors: false });
    for (const node of nodes) keepReadable(node.querySelector('svg'));
  },
};
