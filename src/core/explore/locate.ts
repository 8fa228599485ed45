import type { Locate, ValuePath } from './report';

const KEY = /^(\s*)((?:-[ \t]+)*)(["']?)([^"'#\s][^"'#]*?|[^"'#]*)\3[ \t]*:(?:\s|$)/;
const ITEM = /^(\s*)-(?:\s|$)/;

/**
 * Find the file line of a path (`['inputs', 'seq_len', 'max']`, `['events', 3, 'cause']`) in a
 * block-style YAML text by a scan of its lines: each key is looked for below its parent, deeper than
 * the parent's column. Flow mappings (`{min: 1, max: 2}`) are one line, so their keys resolve to it.
 * A path it cannot follow resolves to the deepest line found, at worst the block's first line.
 */
export function yamlLocator(text: string, fenceLine: number): Locate {
  const lines = text.split('\n');
  // YAML line i is file line fenceLine + 1 + i (the fence line itself opens the block)
  return (path: ValuePath) => {
    let lo = 0;
    let hi = lines.length;
    let column = -1;
    let found = fenceLine;
    for (const seg of path) {
      let hit = -1;
      let hitColumn = -1;
      if (typeof seg === 'number') {
        let listColumn = -1;
        let n = 0;
        for (let i = lo; i < hi; i++) {
          const m = ITEM.exec(lines[i]);
          if (!m || m[1].length <= column) continue;
          if (listColumn === -1) listColumn = m[1].length;
          if (m[1].length !== listColumn) continue;
          if (n++ === seg) {
            hit = i;
            hitColumn = listColumn;
            break;
          }
        }
        if (hit === -1) return found;
        found = fenceLine + 1 + hit;
        // the item's first key sits on its dash line: search from there
        lo = hit;
      } else {
        for (let i = lo; i < hi; i++) {
          const m = KEY.exec(lines[i]);
          if (!m) continue;
          const col = m[1].length + m[2].length;
          if (col > column && m[4].trim() === seg) {
            hit = i;
            hitColumn = col;
            break;
          }
        }
        if (hit === -1) return found;
        found = fenceLine + 1 + hit;
        lo = hit + 1;
      }
      column = hitColumn;
      hi = blockEnd(lines, hit + 1, hitColumn);
    }
    return found;
  };
}

/** The first line at or after `from` that is indented at most `column` (ends the node that starts above it). */
function blockEnd(lines: readonly string[], from: number, column: number): number {
  for (let i = from; i < lines.length; i++) {
    const s = lines[i];
    const indent = s.length - s.trimStart().length;
    if (s.trim() === '' || s.trimStart().startsWith('#')) continue;
    if (indent <= column) return i;
  }
  return lines.length;
}
