import { describe, expect, it } from 'vitest';
import { buildQueue } from '../../src/core/review/queue';
import { ReviewStore } from '../../src/core/review/reviewStore';
import { DEFAULT_SETTINGS, Scheduler, type Rating } from '../../src/core/review/scheduler';
import { StateColumns } from '../../src/core/review/stateColumns';
import { MemoryLog, MemorySnapshot } from './memoryPorts';

const T0 = Date.UTC(2026, 10, 1, 9);
const MIN = 60_000;

/** What the columns must hold: a fresh copy from the Map. */
function expectInStep(cols: StateColumns, store: ReviewStore): void {
  const fresh = new StateColumns(cols.ids).sync(new Map(store.all()));
  for (const k of ['has', 'state', 'due', 'stability', 'lastReview', 'lapses'] as const) {
    for (let i = 0; i < cols.ids.length; i++) if (fresh.has[i] || k === 'has' || k === 'state') expect(cols[k][i], `${k}[${i}]`).toBe(fresh[k][i]);
  }
}

describe('typed-array views of the review state (performance at scale)', () => {
  it('stay in step with the store through ratings, undo, reset, rebuild and scheduler changes', () => {
    const store = new ReviewStore(new MemoryLog(), new MemorySnapshot(), undefined, new Scheduler({ ...DEFAULT_SETTINGS, fuzz: false }), 'w');
    store.load();
    const ids = Array.from({ length: 50 }, (_, k) => `c${k}`);
    const cols = store.columnsFor(ids);
    expect(store.columnsFor(ids)).toBe(cols); // one view per id list
    for (let k = 0; k < 200; k++) {
      store.rate(`c${(k * 7) % 60}`, ((k % 4) + 1) as Rating, T0 + k * MIN); // some ids outside the list
      if (k % 9 === 0) store.undo(T0 + k * MIN + 1);
      store.columnsFor(ids);
      expectInStep(cols, store);
    }
    store.rebuild();
    expectInStep(store.columnsFor(ids), store);
    store.setScheduler(new Scheduler({ ...DEFAULT_SETTINGS, fuzz: false, desiredRetention: 0.95 }));
    expectInStep(store.columnsFor(ids), store);
    store.reset(T0 + 300 * MIN);
    expectInStep(store.columnsFor(ids), store);
    expect(store.columnsFor(ids).has.every((h) => h === 0)).toBe(true);
  });

  it('after a load from a snapshot (objects made on first read) views, reads and the next snapshot are exact', () => {
    const log = new MemoryLog();
    const snap = new MemorySnapshot();
    const first = new ReviewStore(log, snap, undefined, new Scheduler({ ...DEFAULT_SETTINGS, fuzz: false }), 'w');
    first.load();
    for (let k = 0; k < 120; k++) first.rate(`c${k % 40}`, ((k % 4) + 1) as Rating, T0 + k * MIN);
    first.saveSnapshot();
    const expected = new Map(first.all());
    const open = () => {
      const s = new ReviewStore(log, snap, undefined, new Scheduler({ ...DEFAULT_SETTINGS, fuzz: false }), 'w2');
      s.load();
      return s;
    };
    const again = open();
    const ids = Array.from({ length: 45 }, (_, k) => `c${k}`);
    const cols = again.columnsFor(ids); // read from the snapshot columns
    expectInStep(cols, again);
    expect(again.get('c3')).toEqual(expected.get('c3'));
    again.rate('c4', 3, T0 + 500 * MIN);
    expectInStep(again.columnsFor(ids), again);
    again.saveSnapshot(); // mixes cards never read (still columns) and objects
    const third = open();
    expect(new Map(third.all())).toEqual(new Map(again.all()));
    expect(third.get('c7')).toEqual(expected.get('c7'));
  });

  it('the queue from columns equals the queue from the Map', () => {
    const store = new ReviewStore(new MemoryLog(), new MemorySnapshot(), undefined, new Scheduler({ ...DEFAULT_SETTINGS, fuzz: false }), 'w');
    store.load();
    const ids = Array.from({ length: 300 }, (_, k) => `c${k}`);
    for (let k = 0; k < 600; k++) store.rate(`c${(k * 13) % 250}`, ((k % 3) + 2) as Rating, T0 + k * 3 * MIN);
    const input = { cardIds: ids, states: store.all(), buried: new Map([['c5', T0 + 1e10]]), now: T0 + 5 * 86_400_000, isNewAllowed: (id: string) => id !== 'c260', newLimit: 20, reviewLimit: 50 };
    expect(buildQueue({ ...input, columns: store.columnsFor(ids) })).toEqual(buildQueue(input));
  });
});
