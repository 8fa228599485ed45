/**
 * Validation plumbing shared by the `explore` and `widget` blocks. The same validators run on the
 * host (YAML from a lesson, with lines) and in the webview (the JSON the host placed in the page,
 * without lines), so they take plain values and a locator, and never touch YAML or the DOM.
 */

/** A problem in a block; `line` is a file line (the block's fence line when nothing better is known). */
export interface ExploreProblem {
  line: number;
  code: `explore.${string}`;
  message: string;
}

/** A path into the block's value: mapping keys and list indexes. */
export type ValuePath = readonly (string | number)[];

/** Where a path is written; without YAML text (the webview) every path is the block's line. */
export type Locate = (path: ValuePath) => number;

export class Reporter {
  readonly problems: ExploreProblem[] = [];
  constructor(private readonly locate: Locate) {}

  error(path: ValuePath, code: string, message: string): void {
    // a flood of problems from one block helps nobody: the first few say what is wrong
    if (this.problems.length < MAX_PROBLEMS) this.problems.push({ line: this.locate(path), code: `explore.${code}`, message });
  }

  get ok(): boolean {
    return this.problems.length === 0;
  }
}

const MAX_PROBLEMS = 12;

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Content text quoted in a message, cut short. */
export function quote(s: unknown, max = 40): string {
  const t = typeof s === 'string' ? s : JSON.stringify(s) ?? String(s);
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/** Report keys of `obj` that are not `allowed`. */
export function unknownKeys(r: Reporter, obj: Record<string, unknown>, allowed: readonly string[], path: ValuePath, what: string): void {
  for (const k of Object.keys(obj)) {
    if (!allowed.includes(k)) r.error([...path, k], 'unknown-field', `unknown field \`${quote(k)}\` in ${what} (allowed: ${allowed.join(', ')})`);
  }
}

/** A short text field (labels, units, titles): strings and numbers are accepted, capped in length. */
export function text(r: Reporter, obj: Record<string, unknown>, key: string, path: ValuePath, max = 120): string | undefined {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string' && typeof v !== 'number') {
    r.error([...path, key], 'field', `\`${key}\` must be text`);
    return undefined;
  }
  const s = String(v).trim();
  if (s.length > max) {
    r.error([...path, key], 'field', `\`${key}\` is longer than ${max} characters`);
    return undefined;
  }
  return s || undefined;
}

export function finiteNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** A number field in [min, max] (integer when asked); undefined when absent or wrong (reported). */
export function numberField(r: Reporter, obj: Record<string, unknown>, key: string, path: ValuePath,
  o: { min?: number; max?: number; integer?: boolean; required?: boolean } = {}): number | undefined {
  const v = obj[key];
  if (v === undefined || v === null) {
    if (o.required) r.error(path, 'missing-field', `missing \`${key}\``);
    return undefined;
  }
  const bad = !finiteNumber(v) || (o.integer && !Number.isInteger(v)) || (o.min !== undefined && v < o.min) || (o.max !== undefined && v > o.max);
  if (bad) {
    const range = o.min !== undefined && o.max !== undefined ? ` from ${o.min} to ${o.max}` : o.min !== undefined ? ` of at least ${o.min}` : '';
    r.error([...path, key], 'field', `\`${key}\` must be a ${o.integer ? 'whole number' : 'number'}${range} (got ${quote(v)})`);
    return undefined;
  }
  return v as number;
}

/** A list of finite numbers of bounded length. */
export function numberList(r: Reporter, v: unknown, path: ValuePath, what: string, o: { minLength?: number; maxLength: number }): number[] | undefined {
  if (!Array.isArray(v)) {
    r.error(path, 'field', `${what} must be a list of numbers`);
    return undefined;
  }
  if (v.length > o.maxLength || v.length < (o.minLength ?? 1)) {
    r.error(path, 'too-large', `${what} must have ${o.minLength ?? 1} to ${o.maxLength} numbers (has ${v.length})`);
    return undefined;
  }
  const i = v.findIndex((x) => !finiteNumber(x));
  if (i !== -1) {
    r.error([...path, i], 'field', `${what}: item ${i + 1} is not a number (${quote(v[i])})`);
    return undefined;
  }
  return v as number[];
}

/** A boolean field, default `fallback`. */
export function boolField(r: Reporter, obj: Record<string, unknown>, key: string, path: ValuePath, fallback: boolean): boolean {
  const v = obj[key];
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'boolean') {
    r.error([...path, key], 'field', `\`${key}\` must be true or false`);
    return fallback;
  }
  return v;
}

export function roundTo(v: number, digits: number): number {
  return Number(v.toFixed(digits));
}
