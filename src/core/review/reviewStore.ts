import { AppliedIds } from './appliedIds';
import { BACKUP_FORMAT } from './backup';
import type { AppendOnlyLog, KeyValueStore, SnapshotFile } from './ports';
import { decodeEntry, encodeEntry, entryId, isReview, isTime, parseLog, splitId, type LogEntry, type ParsedLog, type ResetEntry, type ReviewEntry } from './reviewLog';
import type { Rating, SchedState, Scheduler } from './scheduler';
import { StateColumns, StateMap } from './stateColumns';

export const SNAPSHOT_VERSION = 1;
const COLS = 9;
export const SYNC_KEY = 'mlLab.review.sync';
/** How many recent entries travel through Settings Sync; more reviews than this between two syncs of a machine are not merged. */
export const SYNC_WINDOW = 2000;
/** At most this many entries of a synced payload are considered (a well-behaved machine publishes SYNC_WINDOW). */
export const SYNC_MERGE_CAP = 2 * SYNC_WINDOW;

/** The snapshot: every card's state plus how much of the log it already includes. */
interface SnapshotV1 {
  v: 1;
  /** Byte offset in the log up to which entries are applied (-1 once found invalid: matched by id instead). */
  offset: number;
  /** Highest seq applied per writer (kept for older versions; `applied` is exact). */
  seen: Record<string, number>;
  /** Applied entry ids: per writer, flat [lo, hi, ...] seq ranges (see AppliedIds). */
  applied?: Record<string, number[]>;
  /** Time of the last reset (informational; what a reset covers is `cover`). */
  resetAt: number;
  /** Entries that stop counting because of resets: per writer, seqs up to this (see ResetEntry). */
  cover?: Record<string, number>;
  /** Highest seq per writer of a review or bury that counts now (whether a reset can simply clear). */
  counted?: Record<string, number>;
  /**
   * Columnar card states (one flat number array parses several times faster than 100,000 small
   * arrays): card i is ids[i] with cols[9i..9i+8] = due, stability, difficulty, scheduledDays,
   * learningSteps, reps, lapses, state, lastReview.
   */
  cards: { ids: string[]; cols: number[] };
  buried: Record<string, number>;
  /** The most recent entries (any writer), published for other machines through Settings Sync. */
  recent: LogEntry[];
  days?: Record<string, [number, number]>;
  window?: WindowEntry[];
  /** Hashes of the sync problems already reported (see reportSyncOnce). */
  reported?: string[];
  /** Ids of undone entries. */
  undone?: string[];
}

export interface DayStats {
  /** Reviews that day. */
  n: number;
  /** Answer time that day, ms. */
  ms: number;
}

/** A recent review: [entry id, card id, time, rating, was the card in review state before (1) or learning (0)]. */
export type WindowEntry = [string, string, number, Rating, 0 | 1];

const WINDOW_MS = 31 * 86_400_000;
/** How much log text is parsed before it is applied (about 60,000 ratings). */
const APPLY_SLICE_CHARS = 4_000_000;

/** Cards to replay and states refused, gathered while the slices of a log tail are applied. */
interface PendingApply {
  rebuild: Set<string>;
  invalid: number;
}

function countLines(text: string, start: number, end: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', start); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
/** Synced entries dated further ahead than this come from a wrong clock: held back until their time. */
const FUTURE_TOLERANCE_MS = 86_400_000;

/** The review day (4 am rollover, local time) of a timestamp, as YYYY-MM-DD. */
export function dayKey(t: number): string {
  // cached per 15 minutes (every UTC offset is a multiple of that): a replay asks for millions of keys
  const bucket = Math.floor(t / 900_000);
  let key = dayKeys.get(bucket);
  if (key === undefined) {
    const d = new Date(t - 4 * 3_600_000);
    key = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    if (dayKeys.size >= 100_000) dayKeys.clear();
    dayKeys.set(bucket, key);
  }
  return key;
}

const dayKeys = new Map<number, string>();

export interface StoreProblem {
  message: string;
  /** Where an unreadable copy was kept, if any. */
  keptAt?: string;
}

export interface UndoResult {
  cardId: string;
  restored: SchedState | undefined;
}

/**
 * Review state for every card, persisted as an append-only log plus a periodic snapshot.
 *
 * - A rating appends one line to the log and updates memory; nothing large is rewritten.
 * - On load, the snapshot is read and the log tail after its offset is replayed, so a crash between
 *   the log append and the snapshot write loses nothing.
 * - Other windows append to the same log; `refresh()` applies what they wrote.
 * - Other machines: recent entries are published to a small synced key and merged by entry id.
 * - Corrupted snapshots and log lines are kept aside and reported; what can be read is used.
 */
export class ReviewStore {
  private states = new StateMap();
  /** Typed-array views of the states per id list (see columnsFor). */
  private readonly columns = new WeakMap<readonly string[], StateColumns>();
  private buried = new Map<string, number>();
  /** Ids of every undone entry (few: each is a user action), so an entry arriving after its undo is not applied. */
  private undone = new Set<string>();
  /** Ids of every entry applied (ours, other windows', other machines'). */
  private applied = new AppliedIds();
  /** The log no longer lines up with `offset` (it shrank while we appended): match by id on the next read. */
  private needsReconcile = false;
  private recent: LogEntry[] = [];
  private offset = 0;
  private resetAt = 0;
  /** Per writer, entries up to this seq stop counting (merged from every reset applied). */
  private cover = new Map<string, number>();
  /** Per writer, the highest seq of a review or bury that counts now. */
  private counted = new Map<string, number>();
  /** Hashes of sync problems already reported (the synced key is read at every start and focus; kept in the snapshot). */
  private syncReported: string[] = [];
  private seq = 0;
  private dirty = false;
  /** This window's ratings: the state before, and the state object the rating left (to tell whether anything changed the card since). */
  private readonly undoStack: { entry: ReviewEntry; previous: SchedState | undefined; after: SchedState | undefined }[] = [];
  /** Reviews and answer time per review day (all time, tiny): heatmap, streak, time spent. */
  private days = new Map<string, DayStats>();
  /** The last 31 days of reviews with whether the card was in review state (true retention, leeches of late). */
  private window: WindowEntry[] = [];
  private latest = 0;

  constructor(
    private readonly log: AppendOnlyLog,
    private readonly snapshot: SnapshotFile,
    private readonly sync: KeyValueStore | undefined,
    private _scheduler: Scheduler,
    /** Unique per window session, e.g. `<machine>-<random>`. */
    private readonly writer: string,
    private readonly onProblem: (p: StoreProblem) => void = () => {},
    /** Wall clock, to recognise entries from the far future (a skewed clock on another machine). */
    private readonly clock: () => number = Date.now,
  ) {
    if (!/^[A-Za-z0-9_-]+$/.test(writer)) throw new Error(`invalid writer id "${writer}"`);
  }

  // ---- loading -------------------------------------------------------------------------------

  load(): void {
    const text = this.snapshot.read();
    let restored = false;
    if (text !== undefined) {
      try {
        restored = this.restore(JSON.parse(text) as unknown);
      } catch (e) {
        restored = false;
        this.reportSnapshot(text, `the review snapshot is not valid JSON (${(e as Error).message})`);
      }
      if (!restored && !this.problemReported) this.reportSnapshot(text, 'the review snapshot has an unknown format');
    }
    if (!restored) this.clearMemory();
    this.refresh();
    if (this.summaries !== 'ok') this.recomputeSummaries();
  }

  /** Whether the restored snapshot's days, window and buried cards can be used as they are. */
  private summaries: 'ok' | 'absent' | 'damaged' = 'ok';

  /**
   * Days, the 31-day window and buried cards from a full replay of the log; the card states stay
   * as loaded (they may know reviews a damaged log lost, see reconcile).
   */
  private recomputeSummaries(): void {
    if (this.summaries === 'damaged') this.onProblem({ message: "the review snapshot's statistics (days, recent reviews, buried cards) were damaged and were recomputed from the review log" });
    this.summaries = 'ok';
    const states = this.states;
    this.states = new StateMap();
    try {
      this.rebuild();
    } finally {
      this.states = states;
    }
  }

  private problemReported = false;

  private reportSnapshot(text: string, why: string): void {
    this.problemReported = true;
    const keptAt = this.snapshot.quarantine(text, why);
    this.onProblem({ message: `${why}; it was kept aside and the state is rebuilt from the review log`, keptAt });
  }

  private clearMemory(): void {
    this.states.clear();
    this.buried.clear();
    this.applied = new AppliedIds();
    this.undone.clear();
    this.recent = [];
    this.offset = 0;
    this.resetAt = 0;
    this.cover.clear();
    this.counted.clear();
    this.days.clear();
    this.window = [];
    this.summaries = 'ok';
  }

  /** A reset that covers everything counted so far: no replay needed, progress starts over. */
  private clearProgress(): void {
    this.states.clear();
    this.buried.clear();
    this.counted.clear();
    this.days.clear();
    this.window = [];
  }

  private isCovered(s: EntryId): boolean {
    return s.seq <= (this.cover.get(s.writer) ?? -1);
  }

  /** Note a review or bury that counts (see `counted`). */
  private count(s: EntryId): void {
    if (s.seq > (this.counted.get(s.writer) ?? -1)) this.counted.set(s.writer, s.seq);
  }

  /** Apply a reset to memory: clear if it covers everything that counts, else replay the log. */
  private applyReset(e: ResetEntry): 'cleared' | 'replay' {
    this.resetAt = Math.max(this.resetAt, e.t);
    mergeCover(this.cover, e.s ?? this.applied.highWater());
    for (const [w, n] of this.counted) if (n > (this.cover.get(w) ?? -1)) return 'replay';
    this.clearProgress();
    return 'cleared';
  }

  /** The scheduler's next state, or undefined if it is not a valid state (it never enters memory or the snapshot). */
  private next(prior: SchedState | undefined, rating: Rating, t: number): SchedState | undefined {
    const s = this._scheduler.rate(prior, rating, t);
    return isValidState(s) ? s : undefined;
  }

  private restore(raw: unknown): boolean {
    const s = migrateSnapshot(raw);
    if (!s) return false;
    this.clearMemory();
    this.offset = s.offset;
    this.resetAt = s.resetAt;
    this.applied = s.applied;
    this.undone = new Set(s.undone);
    this.syncReported = s.reported ?? [];
    this.cover = new Map(Object.entries(s.cover ?? {}));
    // older snapshots do not say what counts: take everything applied (a reset then replays the log)
    this.counted = new Map(Object.entries(s.counted ?? this.applied.highWater()));
    const { ids, cols } = s.cards;
    this.states.load(ids, cols);
    this.recent = s.recent.map(decodeEntry).filter((e): e is LogEntry => e !== undefined);
    this.summaries = s.days === undefined || s.window === undefined ? 'absent' : 'ok';
    // one damaged value makes the summaries untrustworthy: the log recomputes them (see load)
    if (!isSeqRecord(s.buried, isTime) || !isSeqRecord(s.days, isDayStats) || !Array.isArray(s.window) && s.window !== undefined || (s.window ?? []).some((w) => !isWindowEntry(w))) {
      this.summaries = 'damaged';
      return true;
    }
    for (const [id, until] of Object.entries(s.buried)) this.buried.set(id, until);
    for (const [k, v] of Object.entries(s.days ?? {})) {
      if (!DAY_KEY.test(k)) {
        this.summaries = 'damaged';
        this.days.clear();
        return true;
      }
      this.days.set(k, { n: v[0], ms: v[1] });
    }
    this.window = s.window ?? [];
    for (const w of this.window) if (w[2] > this.latest) this.latest = w[2];
    return true;
  }

  /** Apply entries other windows appended since we last looked (and, at load, what the snapshot missed). */
  refresh(): void {
    try {
      this.applyTail();
    } catch (e) {
      // an unreadable log never costs memory: what we have stays, and the next read tries again
      this.onProblem({ message: `cannot read the review log: ${(e as Error).message}` });
      return;
    }
    this.mergeSync();
  }

  /**
   * Apply what the log holds after `offset`. The offset must point just after a line the log
   * still has; when it does not (the log was restored from an older copy, deleted, cut short by a
   * power cut, replaced, or the offset is damaged), entries are matched by id instead (reconcile).
   */
  private applyTail(): void {
    const size = this.log.size();
    if (this.needsReconcile) return this.reconcile('the review log changed while it was written');
    if (!(Number.isSafeInteger(this.offset) && this.offset >= 0)) return this.reconcile("the review snapshot's log position is invalid");
    if (this.offset > size) return this.reconcile(`the review log is shorter (${size} bytes) than what was applied (${this.offset}): it was restored from an older copy, deleted, or cut short by a power cut`);
    if (this.offset === 0 && size === 0) return;
    // read from the byte before the offset: it must be the end of a line
    const chunk = this.log.readFrom(Math.max(0, this.offset - 1));
    if (this.offset > 0 && chunk.text.charCodeAt(0) !== 10) return this.reconcile('the review log does not line up with the review state (it was replaced)');
    const text = this.offset > 0 ? chunk.text.slice(1) : chunk.text;
    if (!text) return;
    this.offset = chunk.end;
    // parsed and applied a slice at a time: a full replay never holds millions of entry objects at once
    const pending: PendingApply = { rebuild: new Set(), invalid: 0 };
    const bad: ParsedLog['bad'] = [];
    let line = 1;
    for (let start = 0; start < text.length;) {
      let end = text.indexOf('\n', Math.min(text.length, start + APPLY_SLICE_CHARS));
      end = end === -1 ? text.length : end + 1;
      const parsed = parseLog(text.slice(start, end), line);
      bad.push(...parsed.bad);
      this.applyInto(parsed.entries, pending);
      line += countLines(text, start, end);
      start = end;
    }
    this.reportBad(bad);
    this.finishApply(pending, true);
  }

  /** Parse log text; unreadable lines are kept aside and reported. */
  private parseReported(text: string): LogEntry[] {
    const parsed = parseLog(text);
    this.reportBad(parsed.bad);
    return parsed.entries;
  }

  private reportBad(bad: ParsedLog['bad']): void {
    if (!bad.length) return;
    const keptAt = this.snapshot.quarantine(bad.map((b) => b.text).join('\n'), 'unreadable review log lines');
    this.onProblem({ message: `${bad.length} review log line(s) could not be read and were skipped`, keptAt });
  }

  /**
   * The log does not match `offset`: match by entry id. Entries the log has that we have not
   * applied are applied; entries we applied that the log lost are written back from `recent` (the
   * last 2,000 entries, in their order), so a later rebuild from the log loses nothing. Reviews
   * older than that stay in the card states and are reported.
   */
  private reconcile(why: string): void {
    this.needsReconcile = false;
    const { text, end } = this.log.readFrom(0);
    const entries = this.parseReported(text);
    const inLog = new AppliedIds();
    for (const e of entries) inLog.add(e.i);
    const missing = this.recent.filter((e) => !inLog.has(e.i));
    const unknown = entries.filter((e) => !this.applied.has(e.i));
    let known = 0;
    for (const e of entries) if (this.applied.has(e.i)) known++;
    const lost = Math.max(0, this.applied.size - known - missing.length);
    this.offset = end;
    if (missing.length) this.offset = this.appendChecked(missing);
    this.applyEntries(unknown);
    this.dirty = true;
    this.onProblem({
      message: `${why}. Entries were matched by id instead: ${missing.length} written back to the log, ${unknown.length} applied from it`
        + (lost ? `; ${lost} older review(s) are missing from the log and are kept only in the card states` : ''),
    });
  }

  /**
   * Apply entries in log order, each id once (two windows can append the same synced entry); an
   * entry older than a card's last review (merged from elsewhere) triggers a replay of that card.
   */
  private applyEntries(entries: readonly LogEntry[]): void {
    const pending: PendingApply = { rebuild: new Set(), invalid: 0 };
    this.applyInto(entries, pending);
    this.finishApply(pending, entries.length > 0);
  }

  /** The body of applyEntries; replays it asks for wait in `pending` until every slice is applied. */
  private applyInto(entries: readonly LogEntry[], pending: PendingApply): void {
    const rebuild = pending.rebuild;
    for (const e of entries) {
      const id = splitId(e.i)!;
      if (!this.applied.addSeq(id.writer, id.seq)) continue;
      this.remember(e);
      if ('reset' in e) {
        if (this.applyReset(e) === 'replay') rebuild.add('*');
        continue;
      }
      if (this.isCovered(id)) continue;
      if ('u' in e) {
        this.undone.add(e.u);
        this.untrack(e.u);
        const target = this.findRecent(e.u);
        if (target && 'c' in target) rebuild.add(target.c);
        else if (!target) rebuild.add('*'); // the undone entry is older than our window: replay everything
        continue;
      }
      // an undo can arrive before the entry it undoes (entries from other machines come in any order)
      if (this.undone.has(e.i)) continue;
      this.count(id);
      if ('b' in e) {
        this.buried.set(e.c, e.b);
        continue;
      }
      const prior = this.states.get(e.c);
      if (prior && prior.lastReview > e.t) {
        rebuild.add(e.c);
        this.track(e, prior);
        continue;
      }
      const next = this.next(prior, e.r, e.t);
      if (!next) {
        pending.invalid++;
        continue;
      }
      this.states.set(e.c, next);
      this.track(e, prior);
    }
  }

  private finishApply({ rebuild, invalid }: PendingApply, changed: boolean): void {
    if (invalid) this.reportInvalid(invalid);
    if (rebuild.size) this.rebuild(rebuild.has('*') ? undefined : rebuild);
    this.dirty ||= changed;
  }

  private reportInvalid(n: number): void {
    this.onProblem({ message: `${n} review(s) gave an invalid scheduling state and were skipped (they stay in the review log)` });
  }

  /** Count a review in the day aggregates and the 31-day window. */
  private track(e: ReviewEntry, prior: SchedState | undefined): void {
    const k = dayKey(e.t);
    const d = this.days.get(k) ?? { n: 0, ms: 0 };
    d.n++;
    d.ms += e.d ?? 0;
    this.days.set(k, d);
    // entries from other machines arrive out of time order: prune relative to the latest time seen
    this.latest = Math.max(this.latest, e.t);
    const cutoff = this.latest - WINDOW_MS;
    if (e.t < cutoff) return;
    this.window.push([e.i, e.c, e.t, e.r, prior?.state === 2 ? 1 : 0]);
    // prune when the window has doubled since the last prune: linear over a replay (pruning every
    // 64 entries was quadratic when a month holds 300,000 reviews)
    if (this.window.length >= this.windowPruneAt) this.pruneWindow();
  }

  private windowPruneAt = 64;

  private pruneWindow(): void {
    const cutoff = this.latest - WINDOW_MS;
    if (this.window.some((w) => w[2] < cutoff)) this.window = this.window.filter((w) => w[2] >= cutoff);
    this.windowPruneAt = Math.max(64, 2 * this.window.length);
  }

  /** Take an undone review out of the aggregates. */
  private untrack(entryId: string): void {
    const i = this.window.findIndex((w) => w[0] === entryId);
    if (i === -1) return;
    const [, , t] = this.window[i];
    this.window.splice(i, 1);
    const target = this.findRecent(entryId);
    const d = this.days.get(dayKey(t));
    if (d) {
      d.n = Math.max(0, d.n - 1);
      d.ms = Math.max(0, d.ms - (target && isReview(target) ? target.d ?? 0 : 0));
    }
  }

  /** Reviews per review day (YYYY-MM-DD). */
  dayStats(): ReadonlyMap<string, DayStats> {
    return this.days;
  }

  /** Reviews of the last 31 days. */
  recentReviews(): readonly WindowEntry[] {
    this.pruneWindow();
    return this.window;
  }

  private markSeen(e: LogEntry): void {
    this.applied.add(e.i);
  }

  private remember(e: LogEntry): void {
    this.recent.push(e);
    if (this.recent.length > SYNC_WINDOW * 1.5) this.recent = this.recent.slice(-SYNC_WINDOW);
  }

  private findRecent(id: string): LogEntry | undefined {
    for (let i = this.recent.length - 1; i >= 0; i--) if (this.recent[i].i === id) return this.recent[i];
    return undefined;
  }

  /**
   * Replay cards (or everything) from the whole log: entries once each (by id), skipping undone
   * entries and what resets cover (walked in log order), reviews in time order. Used for
   * out-of-order merges, undo from another window, resets that do not cover everything.
   */
  rebuild(cardIds?: ReadonlySet<string>): void {
    const all = parseLog(this.log.readFrom(0).text).entries;
    const undone = new Set<string>();
    const cover = new Map<string, number>();
    const once = new AppliedIds();
    const live: LogEntry[] = [];
    let resetAt = 0;
    for (const e of all) {
      if (!once.add(e.i)) continue;
      if ('reset' in e) {
        mergeCover(cover, e.s ?? once.highWater());
        resetAt = Math.max(resetAt, e.t);
      } else live.push(e);
      if ('u' in e) undone.add(e.u);
    }
    const counts = (e: LogEntry) => {
      const s = splitId(e.i)!;
      return s.seq > (cover.get(s.writer) ?? -1) && !undone.has(e.i) && !('u' in e);
    };
    const reviews = live.filter((e): e is ReviewEntry => isReview(e) && counts(e) && (!cardIds || cardIds.has(e.c)));
    if (!isSortedByTime(reviews)) reviews.sort((a, b) => a.t - b.t);
    if (!cardIds) {
      this.clearProgress();
      this.resetAt = resetAt;
      this.cover = cover;
      this.undone = undone;
      this.latest = 0;
      for (const e of live) {
        if (!counts(e)) continue;
        this.count(splitId(e.i)!);
        if ('b' in e) this.buried.set(e.c, e.b);
      }
    } else {
      for (const id of cardIds) this.states.delete(id);
    }
    let invalid = 0;
    for (const e of reviews) {
      const prior = this.states.get(e.c);
      const next = this.next(prior, e.r, e.t);
      if (!next) {
        invalid++;
        continue;
      }
      this.states.set(e.c, next);
      if (!cardIds) this.track(e, prior);
    }
    if (invalid) this.reportInvalid(invalid);
    this.dirty = true;
  }

  // ---- other machines (Settings Sync) ---------------------------------------------------------

  /** Merge entries another machine published: those with a seq above what we have seen from their writer. */
  private mergeSync(): void {
    if (!this.sync) return;
    const raw = this.sync.get(SYNC_KEY);
    if (raw === undefined || raw === null) return;
    const decoded = decodeSyncPayload(raw);
    if (!decoded) {
      const text = safeStringify(raw);
      this.reportSyncOnce(`format:${text}`, () => ({ message: 'the synced review data has an unknown format and was not merged', keptAt: this.snapshot.quarantine(text, 'unknown sync payload') }));
      return;
    }
    const { entries: payload, bad, overflow } = decoded;
    if (overflow.length) {
      this.reportSyncOnce(`overflow:${overflow.length}:${safeStringify(overflow[0])}`, () => ({
        message: `the synced review data held ${overflow.length + SYNC_MERGE_CAP} entries, more than the ${SYNC_MERGE_CAP} merged at a time; the ${overflow.length} oldest were not merged and were kept aside (import them with ML Learning Lab: Import Review History)`,
        keptAt: this.snapshot.quarantine(JSON.stringify({ format: BACKUP_FORMAT, v: 1, exportedAt: new Date(this.clock()).toISOString(), entries: overflow, cards: {} }), 'sync payload over the cap (review backup)'),
      }));
    }
    if (bad.length) {
      const text = bad.map(safeStringify).join('\n');
      this.reportSyncOnce(`bad:${text}`, () => ({
        message: `${bad.length} synced review entr${bad.length === 1 ? 'y' : 'ies'} could not be read and ${bad.length === 1 ? 'was' : 'were'} not merged`,
        keptAt: this.snapshot.quarantine(text, 'unreadable synced review entries'),
      }));
    }
    // a machine with a clock far ahead: hold its future entries back (they stay in its log and its exports)
    const latest = this.clock() + FUTURE_TOLERANCE_MS;
    const future = payload.filter((e) => e.t > latest && !this.applied.has(e.i));
    if (future.length) {
      this.reportSyncOnce(`future:${future.map((e) => e.i).join()}`, () => ({
        message: `${future.length} synced review entr${future.length === 1 ? 'y is' : 'ies are'} dated more than a day in the future (a wrong clock on another machine) and ${future.length === 1 ? 'was' : 'were'} not merged yet`,
      }));
    }
    const fresh = payload.filter((e) => e.t <= latest && !this.applied.has(e.i));
    if (!fresh.length) return;
    const writers = new Set(fresh.map((e) => splitId(e.i)!.writer));
    const missing = () => [...writers].reduce((n, w) => n + this.applied.missing(w), 0);
    const missingBefore = missing();
    this.offset = this.appendChecked(fresh);
    this.applyEntries(fresh);
    // each writer numbers its entries 0, 1, 2...: a jump is entries Settings Sync never carried
    const gap = missing() - missingBefore;
    if (gap > 0) {
      this.onProblem({ message: `${gap} review entr${gap === 1 ? 'y' : 'ies'} from another machine ${gap === 1 ? 'was' : 'were'} not delivered by Settings Sync (more than ${SYNC_WINDOW} were made there between two syncs); run Export Review History there and Import Review History here` });
    }
  }

  private reportSyncOnce(key: string, problem: () => StoreProblem): void {
    const h = fnv1a(key);
    if (this.syncReported.includes(h)) return;
    this.syncReported = [...this.syncReported.slice(-19), h];
    this.dirty = true;
    this.onProblem(problem());
  }

  /** The small, bounded value to publish under SYNC_KEY: the most recent entries of this machine's log. */
  syncPayload(): { v: 1; entries: LogEntry[] } {
    return { v: 1, entries: this.recent.slice(-SYNC_WINDOW) };
  }

  // ---- writing -------------------------------------------------------------------------------

  private nextId(): string {
    this.seq = Math.max(this.seq, this.applied.high(this.writer) + 1);
    return entryId(this.writer, this.seq++);
  }

  /** Append our own entry, first applying anything other windows wrote, so offsets stay exact. */
  private appendOwn(e: LogEntry): void {
    this.applyTail();
    this.offset = this.appendChecked([e]);
    this.markSeen(e);
    this.remember(e);
    this.dirty = true;
  }

  /** Append and check nobody else wrote in between (if they did, their lines are applied now). */
  private appendChecked(entries: readonly LogEntry[]): number {
    const text = entries.map(encodeEntry).join('');
    const before = this.offset;
    const end = this.log.append(text);
    const expected = before + text.length; // entries are ASCII: one byte per char
    if (end < expected) {
      // the log shrank between our read and our append: match by id on the next read, never throw after appending
      this.needsReconcile = true;
      return end;
    }
    if (end !== expected) {
      // another window appended concurrently: read everything after `before` except our own lines again
      const chunk = this.log.readFrom(before);
      const ours = new Set(entries.map((e) => e.i));
      const others = parseLog(chunk.text).entries.filter((x) => !ours.has(x.i));
      this.applyEntries(others);
      return chunk.end;
    }
    return end;
  }

  /** Record a rating. Nothing is appended unless the new state is valid: a rating either fully happens or fails cleanly. */
  rate(cardId: string, rating: Rating, now: number, durationMs?: number): SchedState {
    if (!isTime(now)) throw new RangeError(`invalid review time ${now}`);
    this.applyTail();
    const previous = this.states.get(cardId);
    const next = this.next(previous, rating, now);
    if (!next) throw new Error(`the scheduler gave an invalid state for card ${cardId}; the rating was not recorded`);
    const d = durationMs !== undefined && Number.isFinite(durationMs) && durationMs >= 0 ? { d: Math.min(Math.round(durationMs), 86_400_000) } : {};
    const entry: ReviewEntry = { i: this.nextId(), t: now, c: cardId, r: rating, ...d };
    this.appendOwn(entry);
    this.count(splitId(entry.i)!);
    this.track(entry, previous);
    if (previous && previous.lastReview > now) {
      // the card has a review from a clock running ahead: order its history by time, as any replay does
      this.rebuild(new Set([cardId]));
    } else this.states.set(cardId, next);
    const after = this.states.get(cardId);
    this.undoStack.push({ entry, previous, after });
    return after!;
  }

  /** Undo this window's last rating: the card gets back exactly its previous state. */
  undo(now: number): UndoResult | undefined {
    const last = this.undoStack.pop();
    if (!last) return undefined;
    this.appendOwn({ i: this.nextId(), t: now, u: last.entry.i });
    this.undone.add(last.entry.i);
    this.untrack(last.entry.i);
    if (this.states.get(last.entry.c) !== last.after) {
      // something changed the card since our rating (another window's review or undo, a merged
      // older review, a reset): replay its history rather than restoring our copy
      this.rebuild(new Set([last.entry.c]));
    } else if (last.previous) this.states.set(last.entry.c, last.previous);
    else this.states.delete(last.entry.c);
    return { cardId: last.entry.c, restored: this.states.get(last.entry.c) };
  }

  canUndo(): boolean {
    return this.undoStack.length > 0;
  }

  /** The card whose rating `undo` would take back (the review panel and the lesson's areas share one stack). */
  lastUndoable(): string | undefined {
    return this.undoStack[this.undoStack.length - 1]?.entry.c;
  }

  bury(cardId: string, until: number, now: number): void {
    if (!isTime(now) || !isTime(until)) throw new RangeError(`invalid bury time ${now} / ${until}`);
    const i = this.nextId();
    this.appendOwn({ i, t: now, c: cardId, b: until });
    this.count(splitId(i)!);
    this.buried.set(cardId, until);
  }

  /**
   * Start over: everything this store has applied stops counting (it stays in the log, so a backup
   * can bring it back). The reset names what it covers, so reviews other machines make after it
   * count everywhere, whatever their clocks say.
   */
  reset(now: number): void {
    if (!isTime(now)) throw new RangeError(`invalid reset time ${now}`);
    this.applyTail();
    const s = this.applied.highWater();
    this.appendOwn({ i: this.nextId(), t: now, reset: true, s });
    this.resetAt = now;
    mergeCover(this.cover, s);
    this.clearProgress();
    this.undoStack.length = 0;
  }

  /** Desired retention or maximum interval changed: future due dates follow, memory states stay. */
  get scheduler(): Scheduler {
    return this._scheduler;
  }

  setScheduler(s: Scheduler): void {
    this._scheduler = s;
    for (const [id, st] of this.states) this.states.set(id, s.rescheduleDue(st));
    this.dirty = true;
  }

  // ---- reading -------------------------------------------------------------------------------

  get(cardId: string): SchedState | undefined {
    return this.states.get(cardId);
  }

  /** The state each rating would give this card now (for the intervals on the rating buttons). */
  preview(cardId: string, now: number): Record<Rating, SchedState> {
    return this._scheduler.preview(this.states.get(cardId), now);
  }

  retrievability(cardId: string, now: number): number {
    return this._scheduler.retrievability(this.states.get(cardId), now);
  }

  all(): ReadonlyMap<string, SchedState> {
    return this.states;
  }

  /**
   * The states of `ids` as typed arrays by position, kept in step with the store: pass the same
   * array each time (e.g. a cached scope) and only the cards changed since are copied.
   */
  columnsFor(ids: readonly string[]): StateColumns {
    let c = this.columns.get(ids);
    if (!c) this.columns.set(ids, (c = new StateColumns(ids)));
    return c.sync(this.states);
  }

  buriedUntil(cardId: string): number | undefined {
    return this.buried.get(cardId);
  }

  buriedCards(): ReadonlyMap<string, number> {
    return this.buried;
  }

  /** Every entry of the log (for export and statistics). */
  readAll(): LogEntry[] {
    return parseLog(this.log.readFrom(0).text).entries;
  }

  get isDirty(): boolean {
    return this.dirty;
  }

  // ---- snapshot ------------------------------------------------------------------------------

  saveSnapshot(): void {
    const cards: SnapshotV1['cards'] = { ids: [], cols: [] };
    const loaded = this.states.snapshotColumns;
    for (const id of this.states.keys()) {
      const s = this.states.peek(id)!;
      cards.ids.push(id);
      if (typeof s === 'number') for (let k = s * COLS; k < (s + 1) * COLS; k++) cards.cols.push(loaded![k]); // never read since load
      else cards.cols.push(s.due, s.stability, s.difficulty, s.scheduledDays, s.learningSteps, s.reps, s.lapses, s.state, s.lastReview);
    }
    const snap: SnapshotV1 = {
      v: 1, offset: this.offset, seen: this.applied.highWater(), applied: this.applied.toJSON(), resetAt: this.resetAt,
      cover: Object.fromEntries(this.cover), counted: Object.fromEntries(this.counted), cards,
      buried: Object.fromEntries(this.buried), recent: this.recent.slice(-SYNC_WINDOW),
      days: Object.fromEntries([...this.days].map(([k, d]) => [k, [d.n, d.ms]])), window: [...this.recentReviews()], reported: this.syncReported, undone: [...this.undone],
    };
    this.snapshot.write(JSON.stringify(snap));
    this.dirty = false;
  }

  /** Merge a backup (export) into this store: entries we do not have yet are appended and applied. */
  importEntries(entries: readonly LogEntry[]): number {
    const have = new Set(this.readAll().map((e) => e.i));
    const fresh = entries.filter((e) => !have.has(e.i));
    if (!fresh.length) return 0;
    this.offset = this.appendChecked(fresh);
    this.applyEntries(fresh);
    this.rebuild(new Set(fresh.filter(isReview).map((e) => e.c)));
    return fresh.length;
  }
}

/** A snapshot as loaded: validated, with the applied ids decoded. */
type LoadedSnapshot = Omit<SnapshotV1, 'applied'> & { applied: AppliedIds };

/** Snapshots of every known version become the current one; unknown versions return undefined (and are kept aside). */
export function migrateSnapshot(raw: unknown): LoadedSnapshot | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const s = raw as Partial<SnapshotV1>;
  if (s.v !== SNAPSHOT_VERSION) return undefined;
  if (typeof s.cards !== 'object' || s.cards === null) return undefined;
  // one damaged card makes the snapshot untrustworthy: the log can rebuild all of it
  const { ids, cols } = s.cards as Partial<SnapshotV1['cards']>;
  if (!Array.isArray(ids) || !Array.isArray(cols) || cols.length !== ids.length * COLS) return undefined;
  if (!ids.every((id) => typeof id === 'string') || !cols.every((x) => typeof x === 'number' && Number.isFinite(x))) return undefined;
  // without a trustworthy record of what was applied, the log cannot be matched to the states
  const applied = s.applied !== undefined ? AppliedIds.fromJSON(s.applied) : AppliedIds.fromHighWater(s.seen ?? {});
  if (!applied) return undefined;
  return {
    v: 1,
    // an invalid offset is not fatal: the log is then matched by entry id (see reconcile)
    offset: Number.isSafeInteger(s.offset) && (s.offset as number) >= 0 ? (s.offset as number) : -1,
    seen: {},
    applied,
    resetAt: typeof s.resetAt === 'number' ? s.resetAt : 0,
    cover: seqMap(s.cover),
    counted: s.counted === undefined ? undefined : seqMap(s.counted),
    cards: s.cards,
    // summaries are passed as they are: restore() validates them and recomputes what is damaged
    buried: s.buried ?? {},
    recent: Array.isArray(s.recent) ? s.recent : [],
    days: s.days,
    window: s.window,
    reported: Array.isArray(s.reported) ? s.reported.filter((h): h is string => typeof h === 'string').slice(-20) : [],
    undone: Array.isArray(s.undone) ? s.undone.filter((u): u is string => typeof u === 'string') : [],
  };
}

type EntryId = { writer: string; seq: number };

function isSortedByTime(entries: readonly ReviewEntry[]): boolean {
  for (let k = 1; k < entries.length; k++) if (entries[k].t < entries[k - 1].t) return false;
  return true;
}

const DAY_KEY = /^\d{4}-\d{2}-\d{2}$/;

/** A plain object whose every value passes `valid`. */
function isSeqRecord<T>(raw: unknown, valid: (v: unknown) => v is T): raw is Record<string, T> | undefined {
  if (raw === undefined) return true;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return false;
  return Object.values(raw).every(valid);
}

function isDayStats(v: unknown): v is [number, number] {
  return Array.isArray(v) && v.length === 2 && Number.isSafeInteger(v[0]) && v[0] >= 0 && typeof v[1] === 'number' && v[1] >= 0 && Number.isFinite(v[1]);
}

function isWindowEntry(w: unknown): w is WindowEntry {
  return Array.isArray(w) && w.length === 5 && typeof w[0] === 'string' && typeof w[1] === 'string' && isTime(w[2])
    && (w[3] === 1 || w[3] === 2 || w[3] === 3 || w[3] === 4) && (w[4] === 0 || w[4] === 1);
}

/** A per-writer seq map from a snapshot, with damaged values left out. */
function seqMap(raw: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
    for (const [w, n] of Object.entries(raw)) if (Number.isSafeInteger(n) && (n as number) >= -1) out[w] = n as number;
  }
  return out;
}

function mergeCover(cover: Map<string, number>, s: Record<string, number>): void {
  for (const [w, n] of Object.entries(s)) if (n > (cover.get(w) ?? -1)) cover.set(w, n);
}

/** Every field a finite number and the dates real dates: what the scheduler returns must be this before it is kept. */
export function isValidState(s: SchedState): boolean {
  return isTime(s.due) && isTime(s.lastReview) && s.state >= 0 && s.state <= 3 && Number.isInteger(s.state)
    && Number.isFinite(s.stability) && s.stability >= 0 && Number.isFinite(s.difficulty)
    && Number.isFinite(s.scheduledDays) && Number.isFinite(s.learningSteps) && Number.isFinite(s.reps) && Number.isFinite(s.lapses);
}

/**
 * A synced payload: its last SYNC_MERGE_CAP entries decoded (`bad` are those that are not entries),
 * anything before them left undecoded in `overflow`.
 */
function decodeSyncPayload(raw: unknown): { entries: LogEntry[]; bad: unknown[]; overflow: unknown[] } | undefined {
  if (typeof raw !== 'object' || raw === null || (raw as { v?: unknown }).v !== 1 || !Array.isArray((raw as { entries?: unknown }).entries)) return undefined;
  const all = (raw as { entries: unknown[] }).entries;
  const cut = Math.max(0, all.length - SYNC_MERGE_CAP);
  const entries: LogEntry[] = [];
  const bad: unknown[] = [];
  for (let k = cut; k < all.length; k++) {
    const e = decodeEntry(all[k]);
    if (e) entries.push(e);
    else bad.push(all[k]);
  }
  return { entries, bad, overflow: all.slice(0, cut) };
}

/** FNV-1a hash of a string, as hex (to remember what was reported without keeping it). */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16);
}

function safeStringify(v: unknown): string {
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}
