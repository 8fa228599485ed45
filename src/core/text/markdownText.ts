/**
 * Plain text for a markdown tooltip or hover. `vscode.MarkdownString.appendText` turns every space
 * into `&nbsp;`, so a hover cannot wrap between words and breaks them in the middle instead
 * ("vari ance"); escaping the markdown characters keeps the spaces breakable.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, '\\$&').replace(/\r?\n/g, ' ');
}

/** The markdown of a lesson's tooltip in the roadmap tree. */
export function lessonTooltipMarkdown(title: string, summary: string, planned: boolean, prerequisites: readonly string[]): string {
  let md = `**${escapeMarkdown(title)}**${planned ? ' — _planned_' : ''}\n\n${escapeMarkdown(summary)}`;
  if (prerequisites.length) md += `\n\n$(arrow-right) Prerequisites: ${escapeMarkdown(prerequisites.join(', '))}`;
  return md;
}

/** A character plainText rewrites: markup, a space that is not a single inner one, or other whitespace. */
const MARKUP_OR_SPACING = /[`*_$[{]|[^\S ]| {2}|^ | $/;

/**
 * Markdown as one line of plain text, for a quick pick or a notification: cloze deletions hidden as
 * […] (or shown with `reveal`), links and code references reduced to their text, emphasis and code
 * marks dropped, math kept as its TeX source without the dollars.
 */
export function plainText(markdown: string, { reveal = false } = {}): string {
  // most headings and many lines have no markup and only single spaces: nothing below would change them
  return MARKUP_OR_SPACING.test(markdown) ? rewritePlain(markdown, reveal) : markdown;
}

/** plainText's rewriting, for any text (exported for the test that the shortcut above changes nothing). */
export function rewritePlain(markdown: string, reveal = false): string {
  return markdown
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/\{\{c\d+::((?:[^{}]|\{[^{}]*\})*?)(?:::[^}]*)?\}\}/g, (_, answer: string) => (reveal ? answer : '[…]'))
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\$\$?([^$]+)\$\$?/g, '$1')
    .replace(/[*`]+/g, '')
    .replace(/(^|[^\w])_{1,2}([^_\s][^_]*?)_{1,2}(?=[^\w]|$)/g, '$1$2') // _emphasis_, not snake_case
    .replace(/\s+/g, ' ')
    .trim();
}
