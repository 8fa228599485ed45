/** Cloze deletions `{{cN::answer}}` / `{{cN::answer::hint}}` with balanced braces inside (LaTeX-safe). */
export interface ClozeDeletion {
  index: number;
  answer: string;
  hint?: string;
  start: number;
  end: number;
}

const OPEN = /\{\{c(\d+)::/g;

export function findClozes(text: string): { deletions: ClozeDeletion[]; errors: { offset: number; message: string }[] } {
  const deletions: ClozeDeletion[] = [];
  const errors: { offset: number; message: string }[] = [];
  OPEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = OPEN.exec(text))) {
    const start = m.index;
    let depth = 0;
    let i = OPEN.lastIndex;
    let end = -1;
    for (; i < text.length; i++) {
      const c = text[i];
      if (c === '\\') { i++; continue; }
      if (c === '{') depth++;
      else if (c === '}') {
        if (depth === 0) {
          if (text[i + 1] === '}') { end = i + 2; break; }
          // an unbalanced single `}` cannot close the deletion
          errors.push({ offset: i, message: 'unbalanced `}` inside a cloze deletion' });
          break;
        }
        depth--;
      }
    }
    if (end === -1) {
      if (!errors.length || errors[errors.length - 1].offset < start) errors.push({ offset: start, message: `cloze deletion c${m[1]} is not closed with \`}}\`` });
      break;
    }
    const inner = text.slice(OPEN.lastIndex, end - 2);
    const sep = topLevelSeparator(inner);
    deletions.push({
      index: Number(m[1]),
      answer: sep === -1 ? inner : inner.slice(0, sep),
      hint: sep === -1 ? undefined : inner.slice(sep + 2),
      start,
      end,
    });
    OPEN.lastIndex = end;
  }
  return { deletions, errors };
}

/** Position of a `::` hint separator outside braces, or -1. */
function topLevelSeparator(s: string): number {
  let depth = 0;
  for (let i = 0; i < s.length - 1; i++) {
    const c = s[i];
    if (c === '\\') { i++; continue; }
    if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (depth === 0 && c === ':' && s[i + 1] === ':') return i;
  }
  return -1;
}

/** The text with each deletion replaced by `replace(d, i)` (the card's own: masked or revealed; others: the answer). */
export function renderCloze(text: string, deletions: readonly ClozeDeletion[], replace: (d: ClozeDeletion, i: number) => string): string {
  const parts: string[] = [];
  let pos = 0;
  deletions.forEach((d, i) => {
    parts.push(text.slice(pos, d.start), replace(d, i));
    pos = d.end;
  });
  parts.push(text.slice(pos));
  return parts.join('');
}
