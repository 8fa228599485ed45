import { describe, expect, it } from 'vitest';
import { ReviewStore, SYNC_KEY } from '../../src/core/review/reviewStore';
import { Scheduler, DEFAULT_SETTINGS, type Rating } from '../../src/core/review/scheduler';
import { MemoryKv, MemoryLog, MemorySnapshot } from './memoryPorts';

const noFuzz = new Scheduler({ ...DEFAULT_SETTINGS, fuzz: false });
const T0 = Date.UTC(2026, 10, 1, 9);
const MIN = 60_000;
const DAY = 86_400_000;

function open(log = new MemoryLog(), snap = new MemorySnapshot(), writer = 'w1', sync?: MemoryKv) {
  const problems: string[] = [];
  const store = new ReviewStore(log, snap, sync, noFuzz, writer, (p) => problems.push(p.message));
  store.load();
  return { store, log, snap, problems };
}

/** Rate a card through a sequence of (minutes after T0, rating). */
function review(store: ReviewStore, card: string, steps: [number, Rating][]) {
  for (const [m, r] of steps) store.rate(card, r, T0 + m * MIN);
}

describe('ReviewStore', () => {
  it('matches ts-fsrs for a sequence of ratings, and survives a reload through the snapshot', () => {
    const { store, log, snap } = open();
    review(store, 'a', [[0, 3], [10, 3], [60 * 24 * 3, 3]]);
    let expected = noFuzz.rate(undefined, 3, T0);
    expected = noFuzz.rate(expected, 3, T0 + 10 * MIN);
    expected = noFuzz.rate(expected, 3, T0 + 3 * DAY);
    expect(store.get('a')).toEqual(expected);
    store.saveSnapshot();
    const again = open(log, snap);
    expect(again.store.get('a')).toEqual(expected);
    expect(again.problems).toEqual([]);
  });

  it('loses nothing on a crash between the log append and the snapshot write', () => {
    const { store, log, snap } = open();
    review(store, 'a', [[0, 3]]);
    store.saveSnapshot();
    review(store, 'a', [[10, 3]]);
    review(store, 'b', [[11, 1]]);
    const before = new Map(store.all());
    // "crash": the snapshot is older than the log
    const after = open(log, snap);
    expect(new Map(after.store.all())).toEqual(before);
  });

  it('two windows writing the same log see each other’s reviews', () => {
    const log = new MemoryLog();
    const a = open(log, new MemorySnapshot(), 'winA').store;
    const b = open(log, new MemorySnapshot(), 'winB').store;
    a.rate('x', 3, T0);
    b.rate('y', 3, T0 + 1 * MIN); // b applies a's entry before appending
    expect(b.get('x')).toBeDefined();
    a.rate('x', 3, T0 + 12 * MIN);
    b.rate('x', 4, T0 + 20 * MIN); // b continues from a's second review
    a.refresh();
    expect(a.get('x')).toEqual(b.get('x'));
    expect(a.get('x')!.reps).toBe(3);
    expect(a.get('y')).toEqual(b.get('y'));
    const fresh = open(log, new MemorySnapshot(), 'winC').store;
    expect(new Map(fresh.all())).toEqual(new Map(a.all()));
  });

  it('undo restores the exact previous state, also after a reload', () => {
    const { store, log, snap } = open();
    review(store, 'a', [[0, 3], [10, 3]]);
    const before = store.get('a');
    store.rate('a', 1, T0 + 3 * DAY);
    expect(store.get('a')).not.toEqual(before);
    expect(store.undo(T0 + 3 * DAY + 1000)?.cardId).toBe('a');
    expect(store.get('a')).toEqual(before);
    const reloaded = open(log, snap, 'w2');
    expect(reloaded.store.get('a')).toEqual(before);
    // undo of a first review forgets the card
    store.rate('n', 3, T0 + 4 * DAY);
    store.undo(T0 + 4 * DAY + 1);
    expect(store.get('n')).toBeUndefined();
  });

  it('keeps a corrupted snapshot aside and rebuilds from the log', () => {
    const { store, log, snap } = open();
    review(store, 'a', [[0, 3], [10, 3]]);
    store.saveSnapshot();
    const good = store.get('a');
    snap.text = '{"v":1,"offset":12,"cards":{"ids":["a"],"cols":[1,2,"x"]}'; // truncated and damaged
    const after = open(log, snap);
    expect(after.store.get('a')).toEqual(good);
    expect(after.problems[0]).toMatch(/not valid JSON/);
    expect(snap.quarantined).toHaveLength(1);
    snap.text = JSON.stringify({ v: 1, offset: 0, cards: { ids: ['a'], cols: [1, 2, 'x', 4, 5, 6, 7, 8, 9] } });
    expect(open(log, snap).store.get('a')).toEqual(good); // valid JSON, damaged values: rebuilt from the log
    snap.text = JSON.stringify({ v: 99, future: true });
    const future = open(log, snap);
    expect(future.store.get('a')).toEqual(good);
    expect(future.problems[0]).toMatch(/unknown format/);
    expect(snap.quarantined[2].text).toContain('"future":true');
  });

  it('skips a log line cut short by a crash, reports it, and keeps the rest', () => {
    const { store, log, snap } = open();
    review(store, 'a', [[0, 3]]);
    log.text += '{"i":"w1.1","t":1,"c":"b","r":\n'; // torn write
    review(store, 'c', [[5, 3]]);
    const after = open(log, snap, 'w9');
    expect(after.store.get('a')).toBeDefined();
    expect(after.store.get('c')).toBeDefined();
    expect(after.problems).toEqual(['1 review log line(s) could not be read and were skipped']);
  });

  it('merges another machine’s reviews through the synced key, without duplicates', () => {
    const kv = new MemoryKv();
    const m1 = open(new MemoryLog(), new MemorySnapshot(), 'm1', kv);
    review(m1.store, 'a', [[0, 3], [10, 3]]);
    kv.set(SYNC_KEY, m1.store.syncPayload());
    const m2 = open(new MemoryLog(), new MemorySnapshot(), 'm2', kv);
    expect(m2.store.get('a')).toEqual(m1.store.get('a'));
    review(m2.store, 'b', [[20, 3]]);
    kv.set(SYNC_KEY, m2.store.syncPayload());
    m1.store.refresh();
    m1.store.refresh();
    expect(m1.store.get('b')).toEqual(m2.store.get('b'));
    expect(m1.log.text.split('\n').filter(Boolean)).toHaveLength(3);
    // same-day reviews of the same card on both machines: both count, in time order
    m1.store.rate('c', 3, T0 + 30 * MIN);
    m2.store.rate('c', 4, T0 + 31 * MIN);
    kv.set(SYNC_KEY, m2.store.syncPayload());
    m1.store.refresh();
    kv.set(SYNC_KEY, m1.store.syncPayload());
    m2.store.refresh();
    expect(m1.store.get('c')).toEqual(m2.store.get('c'));
    expect(m1.store.get('c')!.reps).toBe(2);
  });

  it('keeps per-day counts and a 31-day window that undo corrects, across reloads and rebuilds', () => {
    const { store, log, snap } = open();
    store.rate('a', 3, T0, 4000);
    store.rate('b', 1, T0 + MIN, 6000);
    store.rate('a', 3, T0 + 2 * DAY, 1000);
    store.undo(T0 + 2 * DAY + 1);
    const day0 = [...store.dayStats().values()][0];
    expect(day0).toEqual({ n: 2, ms: 10000 });
    expect([...store.dayStats().values()].reduce((n, d) => n + d.n, 0)).toBe(2);
    expect(store.recentReviews().map((w) => [w[1], w[3], w[4]])).toEqual([['a', 3, 0], ['b', 1, 0]]);
    store.saveSnapshot();
    expect([...open(log, snap, 'w2').store.dayStats().values()][0]).toEqual({ n: 2, ms: 10000 });
    const rebuilt = open(log, new MemorySnapshot(), 'w3').store; // no snapshot: replay
    expect(rebuilt.recentReviews().map((w) => w[1])).toEqual(['a', 'b']);
  });

  it('reports an unknown sync payload instead of merging it', () => {
    const kv = new MemoryKv();
    kv.set(SYNC_KEY, { v: 7 });
    expect(open(new MemoryLog(), new MemorySnapshot(), 'w', kv).problems[0]).toMatch(/synced review data/);
  });

  it('reset starts over without deleting history, and bury hides a card', () => {
    const { store, log, snap } = open();
    review(store, 'a', [[0, 3]]);
    store.bury('b', T0 + DAY, T0);
    expect(store.buriedUntil('b')).toBe(T0 + DAY);
    store.reset(T0 + MIN);
    expect(store.get('a')).toBeUndefined();
    expect(log.text).toContain('"c":"a"');
    expect(open(log, snap, 'w3').store.get('a')).toBeUndefined();
  });

  it('reschedules due dates when desired retention changes', () => {
    const { store } = open();
    review(store, 'a', [[0, 3], [10, 3], [60 * 24 * 4, 3]]);
    const due90 = store.get('a')!.due;
    store.setScheduler(new Scheduler({ ...DEFAULT_SETTINGS, fuzz: false, desiredRetention: 0.97 }));
    expect(store.get('a')!.due).toBeLessThan(due90);
    expect(store.get('a')!.stability).toBe(store.get('a')!.stability);
  });

  it('imports a backup without duplicating entries it already has', () => {
    const src = open();
    review(src.store, 'a', [[0, 3], [10, 3]]);
    const entries = src.store.readAll();
    const dst = open(new MemoryLog(), new MemorySnapshot(), 'other');
    review(dst.store, 'b', [[5, 3]]);
    expect(dst.store.importEntries(entries)).toBe(2);
    expect(dst.store.importEntries(entries)).toBe(0);
    expect(dst.store.get('a')).toEqual(src.store.get('a'));
    expect(dst.store.get('b')).toBeDefined();
  });
});
