import { load, YAMLException } from 'js-yaml';

/**
 * YAML parsing for content files. js-yaml is used for speed (~13 us for a lesson's frontmatter,
 * against ~100 us for `yaml` and ~600 us for gray-matter on a 20 KB lesson); positions come from
 * a cheap scan of the block's lines instead of a CST.
 */
export type YamlResult =
  | { ok: true; value: unknown; keyLines: Record<string, number> }
  | { ok: false; line: number; message: string };

/** Parse a YAML block whose first line is file line `firstLine` (1-based). */
export function parseYamlBlock(text: string, firstLine: number): YamlResult {
  let value: unknown;
  try {
    value = load(text, { json: false });
  } catch (e) {
    if (e instanceof YAMLException) {
      return { ok: false, line: firstLine + (e.mark?.line ?? 0), message: e.reason || e.message };
    }
    return { ok: false, line: firstLine, message: String(e) };
  }
  if (expandsTooFar(value)) {
    const alias = ALIAS.exec(text);
    const size = `more than ${MAX_NODES.toLocaleString('en-US')} values or ${MAX_CHARS.toLocaleString('en-US')} characters`;
    return alias
      ? { ok: false, line: firstLine + lineOf(text, alias.index), message: `the YAML expands to ${size} through aliases (\`*name\`); write the values out instead` }
      : { ok: false, line: firstLine, message: `the YAML block holds ${size}, more than content needs` };
  }
  return { ok: true, value, keyLines: topLevelKeyLines(text, firstLine) };
}

/**
 * js-yaml shares an aliased node instead of copying it, so a few hundred bytes of nested aliases
 * (a "billion laughs") load instantly and then hang whatever walks the value. Content never needs
 * anywhere near these sizes; the walk counts every use of a shared node and stops at the bound.
 */
const MAX_NODES = 100_000;
const MAX_CHARS = 1_000_000;
const ALIAS = /(?:^|[\s[{,:])\*[^\s,[\]{}]/;

function expandsTooFar(value: unknown): boolean {
  let nodes = 0;
  let chars = 0;
  const stack = [value];
  const visit = (v: unknown) => {
    stack.push(v);
    return ++nodes > MAX_NODES;
  };
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if ((chars += v.length) > MAX_CHARS) return true;
    } else if (Array.isArray(v)) {
      for (const item of v) if (visit(item)) return true;
    } else if (typeof v === 'object' && v !== null) {
      for (const key of Object.keys(v)) {
        if ((chars += key.length) > MAX_CHARS || visit((v as Record<string, unknown>)[key])) return true;
      }
    }
  }
  return false;
}

function lineOf(text: string, offset: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Line of each top-level `key:` in a block (keys starting at column 0). */
export function topLevelKeyLines(text: string, firstLine: number): Record<string, number> {
  const out: Record<string, number> = Object.create(null);
  let line = firstLine;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const c = text.charCodeAt(start);
    // a top-level key starts with a letter, digit, quote or underscore at column 0
    if (end > start && c !== 32 && c !== 9 && c !== 35 && c !== 45) {
      const m = /^["']?([^"':#\s][^"':]*?)["']?\s*:/.exec(text.slice(start, Math.min(end, start + 80)));
      if (m && !(m[1] in out)) out[m[1]] = line;
    }
    line++;
    start = end + 1;
  }
  return out;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** First line at or after `from` and before `to` (1-based, relative to `lines`' first line `base`) matching `re`. */
export function findLine(lines: readonly string[], re: RegExp, from: number, base = 1, to = lines.length + base): number | undefined {
  for (let i = Math.max(0, from - base); i < Math.min(lines.length, to - base); i++) if (re.test(lines[i])) return i + base;
  return undefined;
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
