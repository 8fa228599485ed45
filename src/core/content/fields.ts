import { diag, type ContentDiagnostic } from '../diagnostics';

/** Small typed readers for YAML mappings that report instead of throwing. */
export class FieldReader {
  constructor(
    private readonly file: string,
    private readonly data: Record<string, unknown>,
    private readonly lines: Record<string, number>,
    private readonly fallbackLine: number,
    private readonly out: ContentDiagnostic[],
    private readonly what: string,
  ) {}

  line(key: string): number {
    // own keys only: a field named `__proto__` or `constructor` must not read Object.prototype's
    return (Object.hasOwn(this.lines, key) ? this.lines[key] : undefined) ?? this.fallbackLine;
  }

  error(key: string, code: string, message: string): void {
    this.out.push(diag(this.file, this.line(key), code, message));
  }

  warning(key: string, code: string, message: string): void {
    this.out.push(diag(this.file, this.line(key), code, message, 'warning'));
  }

  /** Report keys that are not in `allowed` (typos must not be silently ignored). */
  unknownKeys(allowed: readonly string[]): void {
    for (const key of Object.keys(this.data)) {
      if (!allowed.includes(key)) {
        const hint = key.length <= 40 ? closest(key, allowed) : undefined;
        this.error(key, `${this.what}.unknown-field`, `unknown field \`${preview(key, 60)}\` in ${this.what}${hint ? ` (did you mean \`${hint}\`?)` : ''}`);
      }
    }
  }

  string(key: string, required: boolean, pattern?: RegExp, patternHint?: string): string | undefined {
    const v = this.data[key];
    if (v === undefined || v === null) {
      if (required) this.error(key, `${this.what}.missing-field`, `missing required field \`${key}\` in ${this.what}`);
      return undefined;
    }
    if (typeof v !== 'string' && typeof v !== 'number') {
      this.error(key, `${this.what}.bad-field`, `\`${key}\` must be a string`);
      return undefined;
    }
    const s = String(v).trim();
    if (required && s === '') {
      this.error(key, `${this.what}.bad-field`, `\`${key}\` must not be empty`);
      return undefined;
    }
    if (pattern && !pattern.test(s)) {
      this.error(key, `${this.what}.bad-field`, `\`${key}\` "${preview(s)}" is not valid${patternHint ? `: ${patternHint}` : ''}`);
      return undefined;
    }
    return s;
  }

  /** An http(s) URL that parses: a pattern alone lets `http://[docs` through, and the lesson view then cannot open. */
  httpUrl(key: string, required: boolean, check: (s: string) => string = (s) => s): string | undefined {
    const s = this.string(key, required, /^https?:\/\/\S+$/, 'an http(s) URL');
    if (s === undefined) return undefined;
    if (httpUrlHost(check(s)) === undefined) {
      this.error(key, `${this.what}.bad-field`, `\`${key}\` "${preview(s)}" is not a valid URL`);
      return undefined;
    }
    return s;
  }

  oneOf<T extends string>(key: string, values: readonly T[], required: boolean): T | undefined {
    const s = this.string(key, required);
    if (s === undefined) return undefined;
    if (!(values as readonly string[]).includes(s)) {
      this.error(key, `${this.what}.bad-field`, `\`${key}\` must be one of ${values.join(', ')} (got "${preview(s)}")`);
      return undefined;
    }
    return s as T;
  }

  integer(key: string, required: boolean, min: number, max: number): number | undefined {
    const v = this.data[key];
    if (v === undefined || v === null) {
      if (required) this.error(key, `${this.what}.missing-field`, `missing required field \`${key}\` in ${this.what}`);
      return undefined;
    }
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      this.error(key, `${this.what}.bad-field`, `\`${key}\` must be a whole number from ${min} to ${max}`);
      return undefined;
    }
    return v;
  }

  /** A list of strings; a single string is accepted as a one-item list. */
  stringList(key: string, pattern?: RegExp, patternHint?: string): string[] {
    const v = this.data[key];
    if (v === undefined || v === null) return [];
    const items = typeof v === 'string' ? [v] : v;
    if (!Array.isArray(items)) {
      this.error(key, `${this.what}.bad-field`, `\`${key}\` must be a list`);
      return [];
    }
    const out: string[] = [];
    let bad = 0;
    for (const item of items) {
      if (typeof item !== 'string' || (pattern && !pattern.test(item))) {
        // a few examples say what is wrong; a thousand would only flood the problems view
        if (++bad <= 3) this.error(key, `${this.what}.bad-field`, `\`${key}\` has an invalid item ${preview(JSON.stringify(item) ?? String(item))}${patternHint ? `: ${patternHint}` : ''}`);
        continue;
      }
      out.push(item);
    }
    if (bad > 3) this.error(key, `${this.what}.bad-field`, `\`${key}\` has ${bad - 3} more invalid items`);
    return out;
  }
}

/** The host of an http(s) URL, or undefined when it does not parse (bad brackets, port > 65535, spaces...). */
export function httpUrlHost(s: string): string | undefined {
  if (!/^https?:\/\/\S+$/i.test(s)) return undefined;
  try {
    return new URL(s).host || undefined;
  } catch {
    return undefined;
  }
}

/** Content text quoted in a message, cut short so a huge value cannot flood the problems view. */
export function preview(s: string, max = 80): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

export const ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/;
export const ID_HINT = 'use lowercase letters, digits and dashes (kebab-case)';
export const CARD_ID_PATTERN = /^[a-z0-9][a-z0-9._-]*$/;

/** The allowed word nearest to `word` by edit distance, if it is close enough to be a typo. */
export function closest(word: string, options: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const o of options) {
    const d = editDistance(word.toLowerCase(), o.toLowerCase());
    if (d < bestD) {
      best = o;
      bestD = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}
