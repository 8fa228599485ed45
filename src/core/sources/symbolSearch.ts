/**
 * Find a symbol in a source file without a language server: definition patterns first (Python,
 * TypeScript/JavaScript, Go, Rust, C/C++), then plain text. `Class.method` looks for the method
 * after the class's definition. Used when no document-symbol provider answers, and by check:refs.
 */
export interface SymbolHit {
  /** 1-based line of the definition (or text match). */
  line: number;
  /** 1-based last line of the definition's block, when it can be told from indentation or braces. */
  endLine: number;
  how: 'definition' | 'text';
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Definition patterns, matched against a line with its indentation already stripped: no pattern
 * starts with whitespace or puts two whitespace runs side by side, so a failed match is linear in
 * the line's length (a 100k-space line once took seconds through `^\s*(?:…|\s)*`).
 */
function definitionPatterns(name: string): RegExp[] {
  const n = escape(name);
  return [
    new RegExp(`^(?:async\\s+)?def\\s+${n}\\s*[(\\[]`), // python function/method
    new RegExp(`^(?:export\\s+)?(?:default\\s+)?(?:abstract\\s+)?class\\s+${n}\\b`), // python/ts/js/c++ class
    new RegExp(`^(?:export\\s+)?(?:default\\s+)?(?:abstract\\s+)?(?:async\\s+)?function\\*?\\s+${n}\\b`),
    new RegExp(`^(?:export\\s+)?(?:interface|type|enum|struct|trait|impl)\\s+${n}\\b`),
    new RegExp(`^(?:export\\s+)?(?:const|let|var)\\s+${n}\\s*[=:]`),
    // C/C++/CUDA function: qualifiers, a return type, the name and its parameter list, not a statement
    // ending in `;` (a declaration or a call); `return f(...)` and friends are statements, not types.
    // Before the method pattern below, which would take a call's continuation line `f(a,` for one.
    new RegExp(`^(?:(?:static|inline|constexpr|virtual|extern|explicit|__device__|__global__|__host__|__forceinline__|CUTLASS_DEVICE|CUTE_DEVICE)\\s+)*(?!(?:return|else|new|delete|throw|case|co_return|co_await|co_yield|goto|await|yield|typeof|instanceof|in|of|not|and|or|if|while|for|switch|sizeof|raise|assert|del|lambda|print)\\b)[A-Za-z_][\\w:]*(?:<[^;()]*>)?(?:\\s*[*&]+\\s*|\\s+)(?:[A-Za-z_]\\w*::)*${n}\\s*\\([^;]*$`),
    new RegExp(`^(?:(?:public|private|protected|static|readonly|async|override|get|set)\\s+)*${n}\\s*(?:<[^>]*>\\s*)?\\([^;]*$`), // ts method
    new RegExp(`^func\\s+(?:\\([^)]*\\)\\s*)?${n}\\s*\\(`), // go
    new RegExp(`^(?:pub(?:\\([^)]*\\))?\\s+)?(?:async\\s+)?fn\\s+${n}\\b`), // rust
    new RegExp(`^${n}\\s*[:=]`), // python module-level assignment, class attribute
  ];
}

const indentOf = (s: string) => s.length - s.trimStart().length;

/** End (0-based) of the block whose definition is at `start`: Python by indentation, others by braces. */
function blockEnd(lines: string[], start: number): number {
  const head = lines[start];
  if (/^\s*(?:async\s+)?(?:def|class)\b/.test(head) && !/[{]/.test(head)) {
    let i = start;
    while (i < lines.length - 1 && !/:\s*(#.*)?$/.test(lines[i])) i++; // a signature may span lines
    const base = indentOf(head);
    let end = i;
    let inString = false; // a triple-quoted string may hold lines at column 0 without ending the block
    for (let j = i + 1; j < lines.length; j++) {
      const quotes = (lines[j].match(/"""|'''/g) ?? []).length;
      if (!inString && lines[j].trim() !== '' && indentOf(lines[j]) <= base) break;
      if (quotes % 2 === 1) inString = !inString;
      if (lines[j].trim() !== '') end = j;
    }
    return end;
  }
  let depth = 0;
  let opened = false;
  for (let i = start; i < lines.length && (opened || i < start + 6); i++) {
    for (const ch of lines[i]) {
      if (ch === '{') {
        depth++;
        opened = true;
      } else if (ch === '}' && opened && --depth === 0) return i;
    }
  }
  return start;
}

/** The definition of `name` in [from, to): the first pattern that matches wins; among its matches, the one nearest `near` (0-based), else the first. */
function findDefinition(lines: string[], name: string, from: number, to: number, minIndent = -1, near?: number): number {
  const trimmed: string[] = [];
  for (let i = from; i < to; i++) trimmed.push(lines[i].trimStart());
  for (const re of definitionPatterns(name)) {
    let best = -1;
    for (let i = from; i < to; i++) {
      const body = trimmed[i - from];
      if (!re.test(body) || indentOf(lines[i]) <= minIndent) continue;
      if (near === undefined) return i;
      if (best === -1 || Math.abs(i - near) < Math.abs(best - near)) best = i;
    }
    if (best !== -1) return best;
  }
  return -1;
}

/**
 * `nearLine` (1-based, e.g. the start of the range a reference gives for the pinned commit) picks
 * between several definitions of the same name (overloads, redefinitions, same method in two classes).
 */
export function findSymbol(text: string, symbol: string, nearLine?: number): SymbolHit | undefined {
  const lines = text.split(/\r?\n/);
  const parts = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/.test(symbol) ? symbol.split('.') : undefined;
  if (parts) {
    let from = 0;
    let to = lines.length;
    let indent = -1;
    let hit = -1;
    for (const [k, part] of parts.entries()) {
      hit = findDefinition(lines, part, from, to, indent, k === parts.length - 1 && nearLine ? nearLine - 1 : undefined);
      if (hit === -1) break;
      indent = indentOf(lines[hit]);
      from = hit + 1;
      to = blockEnd(lines, hit) + 1;
    }
    if (hit !== -1) return { line: hit + 1, endLine: blockEnd(lines, hit) + 1, how: 'definition' };
  }
  // text fallback: the symbol as written (e.g. a string pattern), else its last component
  const needles = [symbol, ...(parts && parts.length > 1 ? [parts[parts.length - 1]] : [])];
  for (const needle of needles) {
    const i = lines.findIndex((l) => l.includes(needle));
    if (i !== -1) return { line: i + 1, endLine: i + 1, how: 'text' };
  }
  return undefined;
}
