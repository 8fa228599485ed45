import { splitId } from './reviewLog';

/**
 * Which log entries are applied, by id: per writer, sorted disjoint ranges of seqs. A writer's
 * entries nearly always arrive in order, so a writer is one range [0, n] and a check is one
 * comparison. Gaps (entries Settings Sync never delivered) stay open, so a backup that brings them
 * later is still applied, while an entry seen twice (two windows appending the same synced entry,
 * a log restored over a newer one) is recognised and applied once.
 */
export class AppliedIds {
  /** writer -> flat [lo0, hi0, lo1, hi1, ...], ascending and not touching. */
  private readonly ranges = new Map<string, number[]>();

  /** Record an entry id; false if it was already recorded. */
  add(id: string): boolean {
    const s = splitId(id);
    return s !== undefined && this.addSeq(s.writer, s.seq);
  }

  has(id: string): boolean {
    const s = splitId(id);
    if (!s) return false;
    const r = this.ranges.get(s.writer);
    if (!r) return false;
    const i = rangeAfter(r, s.seq);
    return i > 0 && r[2 * i - 1] >= s.seq;
  }

  /** Highest seq recorded for a writer, -1 if none. */
  high(writer: string): number {
    const r = this.ranges.get(writer);
    return r ? r[r.length - 1] : -1;
  }

  /** How many ids are recorded. */
  get size(): number {
    let n = 0;
    for (const r of this.ranges.values()) for (let i = 0; i < r.length; i += 2) n += r[i + 1] - r[i] + 1;
    return n;
  }

  /** Seqs of a writer below its highest that are not recorded (entries never delivered). */
  missing(writer: string): number {
    const r = this.ranges.get(writer);
    if (!r) return 0;
    let n = r[r.length - 1] + 1;
    for (let i = 0; i < r.length; i += 2) n -= r[i + 1] - r[i] + 1;
    return n;
  }

  writers(): IterableIterator<string> {
    return this.ranges.keys();
  }

  /** `add` for an id already split. */
  addSeq(writer: string, seq: number): boolean {
    const r = this.ranges.get(writer);
    if (!r) {
      this.ranges.set(writer, [seq, seq]);
      return true;
    }
    const last = r[r.length - 1];
    if (seq === last + 1) {
      r[r.length - 1] = seq;
      return true;
    }
    if (seq > last) {
      r.push(seq, seq);
      return true;
    }
    const i = rangeAfter(r, seq); // ranges [0, i) start at or before seq
    if (i > 0 && r[2 * i - 1] >= seq) return false;
    const joinsPrev = i > 0 && r[2 * i - 1] === seq - 1;
    const joinsNext = i < r.length / 2 && r[2 * i] === seq + 1;
    if (joinsPrev && joinsNext) {
      r[2 * i - 1] = r[2 * i + 1];
      r.splice(2 * i, 2);
    } else if (joinsPrev) r[2 * i - 1] = seq;
    else if (joinsNext) r[2 * i] = seq;
    else r.splice(2 * i, 0, seq, seq);
    return true;
  }

  toJSON(): Record<string, number[]> {
    return Object.fromEntries(this.ranges);
  }

  /** From a snapshot's `applied` field; undefined if it is damaged. */
  static fromJSON(raw: unknown): AppliedIds | undefined {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
    const out = new AppliedIds();
    for (const [w, r] of Object.entries(raw)) {
      if (!Array.isArray(r) || r.length === 0 || r.length % 2) return undefined;
      for (let i = 0; i < r.length; i++) {
        const x: unknown = r[i];
        if (!Number.isSafeInteger(x) || (x as number) < 0) return undefined;
        if (i > 0 && (x as number) < r[i - 1] + (i % 2 ? 0 : 2)) return undefined;
      }
      out.ranges.set(w, [...(r as number[])]);
    }
    return out;
  }

  /** From an older snapshot's per-writer high-water marks (each writer taken as applied from 0). */
  static fromHighWater(raw: unknown): AppliedIds | undefined {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
    const out = new AppliedIds();
    for (const [w, n] of Object.entries(raw)) {
      if (!Number.isSafeInteger(n) || (n as number) < 0) return undefined;
      out.ranges.set(w, [0, n as number]);
    }
    return out;
  }

  /** Per-writer high-water marks (the snapshot field older versions read). */
  highWater(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [w, r] of this.ranges) out[w] = r[r.length - 1];
    return out;
  }
}

/** Number of ranges whose start is at or before `seq` (binary search). */
function rangeAfter(r: readonly number[], seq: number): number {
  let lo = 0;
  let hi = r.length / 2;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (r[2 * mid] <= seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
