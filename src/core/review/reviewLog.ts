import type { Rating } from './scheduler';

/**
 * The append-only review log, one JSON object a line. It is the source of truth: the scheduling
 * state of every card can be rebuilt from it. Ids are `<writer>.<seq>`: a writer is one window
 * session, so two windows never collide, and "have I seen this entry" is a per-writer high-water mark.
 */
export type LogEntry =
  | { i: string; t: number; c: string; r: Rating; d?: number } // a rating (d: answer time, ms)
  | { i: string; t: number; u: string } // undo of entry `u`
  | { i: string; t: number; c: string; b: number } // bury card `c` until `b`
  | { i: string; t: number; reset: true; s?: Record<string, number> }; // progress reset (see ResetEntry)

/**
 * A progress reset. `s` is what the resetting store had applied (highest seq per writer): exactly
 * those entries stop counting, whatever the clocks said, so a review made elsewhere after the reset
 * counts on every machine. A reset without `s` (older versions) covers what precedes it in the log.
 */
export type ResetEntry = Extract<LogEntry, { reset: true }>;

/**
 * Entry times are epoch ms in this range; anything else is not a time (a damaged or hostile entry).
 * 1970 is allowed: a machine whose clock battery died still made real reviews.
 */
export const MIN_TIME = 0;
export const MAX_TIME = Date.UTC(2200, 0, 1);

export function isTime(t: unknown): t is number {
  return typeof t === 'number' && t >= MIN_TIME && t < MAX_TIME;
}

export type ReviewEntry = Extract<LogEntry, { r: Rating }>;

export function isReview(e: LogEntry): e is ReviewEntry {
  return 'r' in e;
}

export function entryId(writer: string, seq: number): string {
  return `${writer}.${seq}`;
}

/** Whether `id` is `<writer>.<seq>` as splitId reads it, without building the parts (the log reader checks every line). */
export function isEntryId(id: string): boolean {
  const dot = id.lastIndexOf('.');
  if (dot <= 0 || dot === id.length - 1 || id.length - dot > 16) return false;
  for (let k = dot + 1; k < id.length; k++) {
    const c = id.charCodeAt(k);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

export function splitId(id: string): { writer: string; seq: number } | undefined {
  const dot = id.lastIndexOf('.');
  if (dot > 0 && isEntryId(id)) {
    // the common form, read in place: every applied entry is split once per replay
    let seq = 0;
    for (let k = dot + 1; k < id.length; k++) seq = seq * 10 + (id.charCodeAt(k) - 48);
    return { writer: id.slice(0, dot), seq };
  }
  const seq = Number(id.slice(dot + 1));
  return dot > 0 && Number.isInteger(seq) && seq >= 0 ? { writer: id.slice(0, dot), seq } : undefined;
}

/** Validate one parsed line; anything else is reported, never guessed at. */
export function decodeEntry(raw: unknown): LogEntry | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const e = raw as Record<string, unknown>;
  if (typeof e.i !== 'string' || !splitId(e.i) || !isTime(e.t)) return undefined;
  if (typeof e.c === 'string' && (e.r === 1 || e.r === 2 || e.r === 3 || e.r === 4)) {
    if (e.d !== undefined && (typeof e.d !== 'number' || !(e.d >= 0))) return undefined;
    // an absurd answer time must not cost the review: it is capped at a day
    return { i: e.i, t: e.t, c: e.c, r: e.r, ...(e.d !== undefined ? { d: Math.min(e.d, 86_400_000) } : {}) };
  }
  if (typeof e.u === 'string') return { i: e.i, t: e.t, u: e.u };
  if (typeof e.c === 'string' && isTime(e.b)) return { i: e.i, t: e.t, c: e.c, b: e.b };
  if (e.reset === true) {
    if (e.s === undefined) return { i: e.i, t: e.t, reset: true };
    if (typeof e.s !== 'object' || e.s === null || Array.isArray(e.s)) return undefined;
    for (const n of Object.values(e.s)) if (!Number.isSafeInteger(n) || (n as number) < -1) return undefined;
    return { i: e.i, t: e.t, reset: true, s: e.s as Record<string, number> };
  }
  return undefined;
}

export interface ParsedLog {
  entries: LogEntry[];
  /** Lines that are not entries (e.g. a line cut short by a crash), with their 1-based line numbers. */
  bad: { line: number; text: string }[];
}

/** Parse a chunk of the log. `firstLine` numbers lines for reports. A trailing partial line is left out. */
export function parseLog(text: string, firstLine = 1): ParsedLog {
  const entries: LogEntry[] = [];
  const bad: ParsedLog['bad'] = [];
  let start = 0;
  let line = firstLine;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const fast = readReview(text, start, end);
    if (fast) entries.push(fast);
    else {
      const s = text.slice(start, end).trim();
      if (s) {
        let raw: unknown;
        try {
          raw = JSON.parse(s);
        } catch {
          raw = undefined;
        }
        const e = decodeEntry(raw);
        if (e) entries.push(e);
        else bad.push({ line, text: s.slice(0, 500) });
      }
    }
    start = end + 1;
    line++;
  }
  return { entries, bad };
}

/**
 * A rating line exactly as encodeEntry writes it (`{"i":"w.1","t":1,"c":"card","r":3}` with an
 * optional `"d":n`, no escapes), read without JSON.parse: ratings are nearly every line, and a
 * replay of 2,000,000 lines spends most of its parsing time building and copying objects.
 * Anything else (or anything unusual) returns undefined and takes the JSON.parse path.
 */
function readReview(text: string, start: number, end: number): ReviewEntry | undefined {
  if (!text.startsWith('{"i":"', start)) return undefined;
  const iEnd = text.indexOf('"', start + 6);
  if (iEnd === -1 || iEnd > end || !text.startsWith('","t":', iEnd)) return undefined;
  const tEnd = text.indexOf(',', iEnd + 6);
  if (tEnd === -1 || tEnd > end || !text.startsWith(',"c":"', tEnd)) return undefined;
  const cEnd = text.indexOf('"', tEnd + 6);
  if (cEnd === -1 || cEnd > end || !text.startsWith('","r":', cEnd)) return undefined;
  const r = text.charCodeAt(cEnd + 6) - 48;
  if (r < 1 || r > 4) return undefined;
  let d: number | undefined;
  const after = cEnd + 7;
  if (text.startsWith(',"d":', after)) {
    const close = text.indexOf('}', after + 5);
    if (close !== end - 1) return undefined;
    const ds = text.slice(after + 5, close);
    if (!/^\d{1,15}(\.\d{1,15})?$/.test(ds)) return undefined;
    d = Number(ds);
  } else if (after !== end - 1 || text.charCodeAt(after) !== 125) return undefined;
  const i = text.slice(start + 6, iEnd);
  const c = text.slice(tEnd + 6, cEnd);
  if (i.includes('\\') || c.includes('\\') || !isEntryId(i)) return undefined;
  // the time: 1 to 16 digits, read in place (no slice, no regex: this runs for every line of a replay)
  if (tEnd - (iEnd + 6) < 1 || tEnd - (iEnd + 6) > 16) return undefined;
  let t = 0;
  for (let k = iEnd + 6; k < tEnd; k++) {
    const digit = text.charCodeAt(k) - 48;
    if (digit < 0 || digit > 9) return undefined;
    t = t * 10 + digit;
  }
  if (!isTime(t)) return undefined;
  return d === undefined ? { i, t, c, r: r as Rating } : { i, t, c, r: r as Rating, d: Math.min(d, 86_400_000) };
}

export function encodeEntry(e: LogEntry): string {
  return JSON.stringify(e) + '\n';
}
