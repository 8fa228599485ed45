/** GitHub-style heading slug: lowercase, punctuation dropped, spaces to dashes. */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .trim()
    .replace(/\s+/g, '-');
}

/**
 * The element id of a heading: its slug in a namespace of its own, so `## Mark read` cannot take the
 * id of the page's "Mark read" button (a click on the heading would toggle it). Links keep the plain
 * slug (`#sizing`, `lesson:kv-cache#sizing`) and are pointed at the namespaced id when rendered.
 */
export function headingId(slug: string): string {
  return `h-${slug}`;
}
