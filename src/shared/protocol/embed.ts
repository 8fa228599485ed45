/**
 * JSON safe inside a <script type="application/json"> block of a webview page: `<`, `>` and `&` are
 * escaped so a lesson's text cannot end the block (`</script>`) or open a comment, and the line
 * separators U+2028/U+2029 are escaped too. JSON.parse reads it back unchanged.
 */
export function jsonForHtml(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
