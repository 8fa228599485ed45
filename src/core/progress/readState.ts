/**
 * Which lessons the learner has read, stored in globalState (synced: it is tiny, one timestamp per lesson).
 * The stored value carries a version; anything unreadable is reported and kept aside, never thrown away.
 */
export interface ReadState {
  v: 1;
  /** lesson id -> epoch ms when marked read. */
  read: Record<string, number>;
  /** lesson id -> epoch ms when first opened (its cards may then be learned). */
  started?: Record<string, number>;
}

export type Decoded<T> = { ok: true; value: T } | { ok: false; value: T; problem: string };

export function decodeReadState(raw: unknown): Decoded<ReadState> {
  if (raw === undefined || raw === null) return { ok: true, value: { v: 1, read: {} } };
  if (typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, value: { v: 1, read: {} }, problem: 'read state is not an object' };
  const r = raw as Record<string, unknown>;
  if (r.v !== 1) return { ok: false, value: { v: 1, read: {} }, problem: `unknown read-state version ${JSON.stringify(r.v)}` };
  const read: Record<string, number> = {};
  let dropped = 0;
  if (typeof r.read === 'object' && r.read !== null) {
    for (const [id, t] of Object.entries(r.read as Record<string, unknown>)) {
      if (typeof t === 'number' && Number.isFinite(t)) read[id] = t;
      else dropped++;
    }
  } else if (r.read !== undefined) {
    return { ok: false, value: { v: 1, read: {} }, problem: 'read state has no `read` map' };
  }
  const started: Record<string, number> = {};
  if (typeof r.started === 'object' && r.started !== null) {
    for (const [id, t] of Object.entries(r.started as Record<string, unknown>)) {
      if (typeof t === 'number' && Number.isFinite(t)) started[id] = t;
      else dropped++;
    }
  }
  const value: ReadState = Object.keys(started).length ? { v: 1, read, started } : { v: 1, read };
  return dropped ? { ok: false, value, problem: `${dropped} unreadable read-state entries` } : { ok: true, value };
}
