import type { SchedState } from './scheduler';

/**
 * The card states, a Map that notes which cards changed, so the typed-array views below are brought
 * up to date by copying only those (a rating changes one card; a queue or dashboard reads 100,000).
 */
export class StateMap extends Map<string, SchedState> {
  /** Bumped when the changes are too many or too broad to replay (clear): views refill. */
  epoch = 0;
  /** Ids changed since the epoch began, in order (may repeat). */
  changes: string[] = [];

  override set(id: string, s: SchedState): this {
    super.set(id, s);
    // during construction (Map's constructor calls set) the fields do not exist yet
    this.changes?.push(id);
    if (this.changes?.length > 65_536) this.clearChanges();
    return this;
  }

  /** Load many states at once (a snapshot): views refill once instead of noting 100,000 changes. */
  setAll(ids: readonly string[], stateAt: (i: number) => SchedState): void {
    const set = Map.prototype.set;
    for (let i = 0; i < ids.length; i++) set.call(this, ids[i], stateAt(i));
    this.clearChanges();
  }

  override delete(id: string): boolean {
    const had = super.delete(id);
    if (had) this.changes.push(id);
    return had;
  }

  override clear(): void {
    super.clear();
    this.clearChanges();
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
      for (let i = 0; i < this.ids.length; i++) this.fill(i, states.get(this.ids[i]));
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
      if (i !== undefined) this.fill(i, states.get(id));
    }
    this.seen = states.changes.length;
    return this;
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
