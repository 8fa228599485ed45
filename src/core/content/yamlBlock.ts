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
  return { ok: true, value, keyLines: topLevelKeyLines(text, firstLine) };
}

/** Line of each top-level `key:` in a block (keys starting at column 0). */
export function topLevelKeyLines(text: string, firstLine: number): Record<string, number> {
  const out: Record<string, number> = {};
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

/** First line at or after `from` (1-based, relative to `lines`' first line `base`) matching `re`. */
export function findLine(lines: readonly string[], re: RegExp, from: number, base = 1): number | undefined {
  for (let i = Math.max(0, from - base); i < lines.length; i++) if (re.test(lines[i])) return i + base;
  return undefined;
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
