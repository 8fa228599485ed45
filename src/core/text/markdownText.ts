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
