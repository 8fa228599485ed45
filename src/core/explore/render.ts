import { isExploreFence, parseExploreBlock } from './block';
import type { ExploreProblem } from './report';

/** The JSON a placeholder carries is bounded: a valid block is small, and the page should stay so. */
export const MAX_CONFIG_JSON = 64_000;

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * The HTML for an exploration fence: a placeholder carrying the block's validated value as JSON in an
 * escaped data attribute (the webview validates it again and draws it), or, for a block with problems,
 * a note saying it is not shown, with the problems at their file lines. Undefined for other fences.
 */
export function renderExploration(fence: string, content: string, fenceLine: number, opts: { finite?: boolean } = {}): { html: string; problems: ExploreProblem[] } | undefined {
  if (!isExploreFence(fence)) return undefined;
  const parsed = parseExploreBlock(fence, content, fenceLine, opts);
  // the value as written (not the validated form): the webview runs the same validator on it
  const json = parsed.exploration ? JSON.stringify(parsed.value) : undefined;
  if (parsed.exploration && json !== undefined && json.length > MAX_CONFIG_JSON) {
    parsed.problems.push({ line: fenceLine, code: 'explore.too-large', message: `this ${fence} block expands to ${json.length.toLocaleString('en-US')} characters of settings (at most ${MAX_CONFIG_JSON.toLocaleString('en-US')})` });
  }
  if (parsed.problems.length || json === undefined) {
    const first = parsed.problems[0];
    const html = `<div class="exploration-error" role="note" data-line="${fenceLine}"><strong>Exploration not shown.</strong> ${first ? `${esc(first.message)} (line ${first.line})` : ''}</div>\n`;
    return { html, problems: parsed.problems };
  }
  const title = parsed.exploration!.fence === 'explore' ? parsed.exploration!.calculator.title : parsed.exploration!.widget.title;
  const html = `<div class="exploration" data-fence="${fence}" data-line="${fenceLine}" data-config="${esc(json)}">`
    + `<p class="exploration-loading">${esc(title ?? 'Interactive exploration')}</p></div>\n`;
  return { html, problems: [] };
}
