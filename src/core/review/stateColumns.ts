import type { SchedState } from './scheduler';

/** Per card in a snapshot's flat columns: due, stability, difficulty, scheduledDays, learningSteps, reps, lapses, state, lastReview. */
export const SNAPSHOT_COLS = 9;

/** The state of card `slot` in a snapshot's flat columns. */
export function stateAt(cols: ArrayLike<number>, slot: number): SchedState {
  const k = slot * SNAPSHOT_COLS;
  return { due: cols[k], stability: cols[k + 1], difficulty: cols[k + 2], scheduledDays: cols[k + 3], learningSteps: cols[k + 4], reps: cols[k + 5], lapses: cols[k + 6], state: cols[k + 7] as SchedState['state'], lastReview: cols[k + 8] };
}

/**
 * The card states, a Map that notes which cards changed, so the typed-array views below are brought
 * up to date by copying only those (a rating changes one card; a queue or dashboard reads 100,000).
 *
 * Loaded from a snapshot, a card's value is first its slot in the snapshot's columns: its object is
 * made when it is first read (a session reads a few hundred cards; making all 100,000 objects at
 * load was most of the load time), and the typed-array views read the columns directly.
 */
export class StateMap extends Map<string, SchedState> {
  /** Bumped when the changes are too many or too broad to replay (clear): views refill. */
  epoch = 0;
  /** Ids changed since the epoch began, in order (may repeat). */
  changes: string[] = [];
  /** The snapshot columns that slot values point into. */
  private cols?: ArrayLike<number>;

  override set(id: string, s: SchedState): this {
    super.set(id, s);
    // during construction (Map's constructor calls set) the fields do not exist yet
    this.changes?.push(id);
    if (this.changes?.length > 65_536) this.clearChanges();
    return this;
  }

  /** Load a snapshot's cards (ids[i] has slot i in `cols`); objects are made on first read. */
  load(ids: readonly string[], cols: ArrayLike<number>): void {
    super.clear();
    const set = Map.prototype.set as (this: Map<string, unknown>, k: string, v: unknown) => void;
    for (let i = 0; i < ids.length; i++) set.call(this, ids[i], i);
    this.cols = cols;
    this.clearChanges();
  }

  override get(id: string): SchedState | undefined {
    const v = super.get(id) as SchedState | number | undefined;
    if (typeof v !== 'number') return v;
    const s = stateAt(this.cols!, v);
    super.set(id, s); // the same object from now on (undo compares identity)
    return s;
  }

  /** A card's state without making its object: the object, or its slot in `snapshotColumns`. */
  peek(id: string): SchedState | number | undefined {
    return super.get(id) as SchedState | number | undefined;
  }

  get snapshotColumns(): ArrayLike<number> | undefined {
    return this.cols;
  }

  override delete(id: string): boolean {
    const had = super.delete(id);
    if (had) this.changes.push(id);
    return had;
  }

  override clear(): void {
    super.clear();
    this.cols = undefined;
    this.clearChanges();
  }

  // iteration hands out objects: make the ones still in the columns first
  override entries(): MapIterator<[string, SchedState]> {
    this.materialize();
    return super.entries();
  }

  override values(): MapIterator<SchedState> {
    this.materialize();
    return super.values();
  }

  override [Symbol.iterator](): MapIterator<[string, SchedState]> {
    return this.entries();
  }

  override forEach(fn: (value: SchedState, key: string, map: Map<string, SchedState>) => void, thisArg?: unknown): void {
    this.materialize();
    super.forEach(fn, thisArg);
  }

  private materialize(): void {
    if (!this.cols) return;
    for (const id of super.keys()) this.get(id);
    this.cols = undefined;
  }

  private clearChanges(): void {
    this.epoch++;
    this.changes = [];
  }
}

/**
 * The states of one id list (a scope in content order, or every card in deck order) as typed arrays
 * indexed by position in that list: the queue and the dashboard scan these instead of looking up
 * 100,000 ids in a Map and reading 100,000 scattered objects.
 */
export class StateColumns {
  /** 1 if the card has a state. */
  readonly has: Uint8Array;
  readonly state: Uint8Array;
  readonly due: Float64Array;
  readonly stability: Float64Array;
  readonly lastReview: Float64Array;
  readonly lapses: Float64Array;
  private source?: ReadonlyMap<string, SchedState>;
  private epoch = -1;
  private seen = 0;
  /** id -> position, built on the first incremental update (undefined if ids repeat: then refill). */
  private positions?: Map<string, number> | null;

  constructor(readonly ids: readonly string[]) {
    const n = ids.length;
    this.has = new Uint8Array(n);
    this.state = new Uint8Array(n);
    this.due = new Float64Array(n);
    this.stability = new Float64Array(n);
    this.lastReview = new Float64Array(n);
    this.lapses = new Float64Array(n);
  }

  /** Bring the columns up to date with `states`: only what changed if it is the StateMap read last time, else everything. */
  sync(states: ReadonlyMap<string, SchedState>): this {
    if (!(states instanceof StateMap) || states !== this.source || states.epoch !== this.epoch || this.positions === null) {
      if (states instanceof StateMap) for (let i = 0; i < this.ids.length; i++) this.fillFrom(i, states);
      else for (let i = 0; i < this.ids.length; i++) this.fill(i, states.get(this.ids[i]));
      this.source = states;
      if (states instanceof StateMap) {
        this.epoch = states.epoch;
        this.seen = states.changes.length;
      }
      return this;
    }
    if (this.seen === states.changes.length) return this;
    if (!this.positions) {
      const positions = new Map<string, number>();
      this.ids.forEach((id, i) => positions.set(id, i));
      this.positions = positions.size === this.ids.length ? positions : null;
      if (!this.positions) return this.sync(states); // ids repeat: refill every time
    }
    for (let k = this.seen; k < states.changes.length; k++) {
      const id = states.changes[k];
      const i = this.positions.get(id);
      if (i !== undefined) this.fillFrom(i, states);
    }
    this.seen = states.changes.length;
    return this;
  }

  /** Fill from a StateMap, reading a card still in the snapshot's columns without making its object. */
  private fillFrom(i: number, states: StateMap): void {
    const v = states.peek(this.ids[i]);
    if (typeof v !== 'number') return this.fill(i, v);
    const cols = states.snapshotColumns!;
    const k = v * SNAPSHOT_COLS;
    this.has[i] = 1;
    this.due[i] = cols[k];
    this.stability[i] = cols[k + 1];
    this.lapses[i] = cols[k + 6];
    this.state[i] = cols[k + 7];
    this.lastReview[i] = cols[k + 8];
  }

  private fill(i: number, s: SchedState | undefined): void {
    if (!s) {
      this.has[i] = 0;
      this.state[i] = 0;
      return;
    }
    this.has[i] = 1;
    this.state[i] = s.state;
    this.due[i] = s.due;
    this.stability[i] = s.stability;
    this.lastReview[i] = s.lastReview;
    this.lapses[i] = s.lapses;
  }
}
