import { describe, expect, it } from 'vitest';
import { buildQueue, dayStart, earliest, interleave, interleaveBy, sortByDue } from '../../src/core/review/queue';
import { ReviewStore } from '../../src/core/review/reviewStore';
import { DEFAULT_SETTINGS, formatInterval, Scheduler, type SchedState } from '../../src/core/review/scheduler';
import { ReviewSession } from '../../src/core/review/session';
import { MemoryLog, MemorySnapshot } from './memoryPorts';

const T0 = new Date(2026, 10, 2, 9, 0, 0).getTime();
const MIN = 60_000;
const DAY = 86_400_000;
const st = (due: number, state: SchedState['state'] = 2): SchedState => ({ due, stability: 5, difficulty: 5, scheduledDays: 1, learningSteps: 0, reps: 1, lapses: 0, state, lastReview: due - DAY });

describe('buildQueue', () => {
  const states = new Map<string, SchedState>([
    ['late', st(T0 - 3 * DAY)],
    ['today', st(T0 - MIN)],
    ['tomorrow', st(T0 + DAY)],
    ['learning-soon', st(T0 + 5 * MIN, 1)],
    ['learning-later', st(T0 + 60 * MIN, 1)],
    ['buried', st(T0 - DAY)],
  ]);
  const base = {
    cardIds: ['late', 'today', 'tomorrow', 'learning-soon', 'learning-later', 'buried', 'new1', 'new2', 'new3', 'locked'],
    states,
    buried: new Map([['buried', T0 + DAY]]),
    now: T0,
    isNewAllowed: (id: string) => id !== 'locked',
    newLimit: 2,
    reviewLimit: 100,
  };

  it('takes due cards most overdue first, learning cards within the learn-ahead window, and new cards up to the limit', () => {
    const q = buildQueue(base);
    expect(q.due).toEqual(['late', 'today', 'learning-soon']);
    expect(q.fresh).toEqual(['new1', 'new2']);
    expect(q.lockedNew).toBe(1);
  });

  it('applies the daily review limit', () => {
    const q = buildQueue({ ...base, reviewLimit: 1 });
    expect(q.due).toEqual(['late']);
    expect(q.dueTotal).toBe(3);
  });

  it('sorts by due time exactly like a comparator sort (ties keep content order)', () => {
    const ids = Array.from({ length: 5000 }, (_, i) => `c${i}`);
    const due = ids.map((_, i) => T0 + ((i * 7919) % 1000) * 1000 + (i % 3) * 100);
    const expected = Array.from(ids.keys()).sort((a, b) => Math.floor(due[a] / 1000) - Math.floor(due[b] / 1000) || a - b).map((i) => ids[i]);
    expect(sortByDue(ids, due)).toEqual(expected);
    expect(earliest(ids, due, 137)).toEqual(expected.slice(0, 137));
    expect(earliest(ids, due, 1)).toEqual(expected.slice(0, 1));
    expect(earliest(ids.slice(0, 3), due, 10)).toEqual(sortByDue(ids.slice(0, 3), due.slice(0, 3)));
  });

  it('mixes buckets round-robin, keeping each bucket in order', () => {
    const key = (id: string) => id[0];
    expect(interleaveBy(['a1', 'a2', 'a3', 'b1', 'c1', 'c2'], key)).toEqual(['a1', 'b1', 'c1', 'a2', 'c2', 'a3']);
  });

  it('interleaves new cards among reviews', () => {
    expect(interleave(['a', 'b', 'c', 'd'], ['N1', 'N2'])).toEqual(['a', 'b', 'N1', 'c', 'd', 'N2']);
    expect(interleave([], ['N'])).toEqual(['N']);
  });

  it('rolls the day over at 4 am', () => {
    const at3 = new Date(2026, 10, 2, 3, 0).getTime();
    expect(new Date(dayStart(at3)).getDate()).toBe(1);
    expect(new Date(dayStart(T0)).getHours()).toBe(4);
  });
});

describe('ReviewSession', () => {
  function setup(ids: string[]) {
    let now = T0;
    const store = new ReviewStore(new MemoryLog(), new MemorySnapshot(), undefined, new Scheduler({ ...DEFAULT_SETTINGS, fuzz: false }), 'w');
    store.load();
    const session = new ReviewSession(ids, store, () => now);
    return { store, session, tick: (ms: number) => (now += ms) };
  }

  it('announces the card a rating will show next, so a view can have it ready', () => {
    const { session, tick } = setup(['a', 'n#c1', 'n#c2', 'b']);
    expect(session.peekNext()).toEqual({ id: 'n#c1', repeat: false });
    session.reveal();
    session.rate(1); // a comes back after its 1-minute step
    expect(session.current).toBe('n#c1');
    // the sibling deletion n#c2 is buried by rating n#c1: b is next
    expect(session.peekNext()).toEqual({ id: 'b', repeat: false });
    tick(2 * MIN);
    // a's learning step is due now: it comes first
    expect(session.peekNext()).toEqual({ id: 'a', repeat: true });
    session.reveal();
    session.rate(3);
    expect(session.current).toBe('a');
  });

  it('does not undo a rating made outside the session (a review area in a lesson rated last)', () => {
    const { store, session } = setup(['a', 'b']);
    session.reveal();
    session.rate(3);
    store.rate('elsewhere', 3, T0 + 1000);
    expect(session.undo()).toBe(false);
    expect(store.lastUndoable()).toBe('elsewhere');
    expect(store.get('a')).toBeDefined();
  });

  it('walks the queue, brings "Again" cards back within the session, and summarises', () => {
    const { session, tick } = setup(['a', 'b']);
    expect(session.current).toBe('a');
    expect(session.progress()).toEqual({ position: 1, total: 2, returning: 0, repeat: false });
    session.reveal();
    session.rate(1); // again: learning step of 1 minute, comes back
    expect(session.current).toBe('b');
    // the total is the session's distinct cards and never grows ("21 of 39" after a few Agains)
    expect(session.progress()).toEqual({ position: 2, total: 2, returning: 1, repeat: false });
    tick(2 * MIN);
    session.rate(4); // easy: graduates
    expect(session.current).toBe('a');
    expect(session.progress()).toEqual({ position: 2, total: 2, returning: 0, repeat: true });
    session.rate(3);
    session.rate(3);
    expect(session.finished).toBe(true);
    const s = session.summary();
    expect(s).toMatchObject({ reviewed: 4, again: 1, againRate: 0.25 });
  });

  it('undo brings back the card, unrevealed, with its state restored', () => {
    const { store, session } = setup(['a', 'b']);
    session.reveal();
    session.rate(3);
    expect(store.get('a')).toBeDefined();
    expect(session.undo()).toBe(true);
    expect(session.current).toBe('a');
    expect(session.isRevealed).toBe(false);
    expect(store.get('a')).toBeUndefined();
    expect(session.progress()).toEqual({ position: 1, total: 2, returning: 0, repeat: false });
    expect(session.undo()).toBe(false);
  });

  it('skip buries the card until the next day', () => {
    const { store, session } = setup(['a', 'b']);
    session.skip();
    expect(session.current).toBe('b');
    expect(store.buriedUntil('a')).toBe(dayStart(T0) + DAY);
  });
});

describe('Scheduler', () => {
  it('never throws on a review dated before the last one (clock skew), counting it as simultaneous', () => {
    const s = new Scheduler({ ...DEFAULT_SETTINGS, fuzz: false });
    const a = s.rate(undefined, 3, T0 + DAY);
    expect(() => s.rate(a, 3, T0)).not.toThrow();
    expect(s.rate(a, 3, T0)).toEqual(s.rate(a, 3, T0 + DAY));
    expect(s.retrievability(a, T0)).toBeCloseTo(1, 5);
  });

  it('computes retrievability on ts-fsrs\'s forgetting curve (equal to its get_retrievability at whole days)', async () => {
    const { fsrs } = await import('ts-fsrs');
    const f = fsrs({ enable_fuzz: false });
    const s = new Scheduler({ ...DEFAULT_SETTINGS, fuzz: false });
    let st = s.rate(undefined, 3, T0);
    st = s.rate(st, 3, T0 + 15 * MIN);
    st = s.rate(st, 4, T0 + 3 * DAY);
    for (const days of [0, 1, 5, 40, 400]) {
      const at = T0 + 3 * DAY + days * DAY;
      const card = { due: new Date(st.due), stability: st.stability, difficulty: st.difficulty, elapsed_days: 0, scheduled_days: st.scheduledDays, learning_steps: st.learningSteps, reps: st.reps, lapses: st.lapses, state: st.state, last_review: new Date(st.lastReview) };
      expect(s.retrievability(st, at)).toBeCloseTo(f.get_retrievability(card, at, false), 6);
    }
  });
});

describe('retrievability over fractional days', () => {
  it('a card failed an hour ago is not 100% remembered (whole days made a first session with Again ratings score 100%)', () => {
    const s = new Scheduler({ ...DEFAULT_SETTINGS, fuzz: false });
    const failed = s.rate(undefined, 1, T0);
    const r1h = s.retrievability(failed, T0 + 3600_000);
    expect(r1h).toBeLessThan(0.99); // stability ~0.2 days after Again: 0.97 after an hour (was exactly 1)
    expect(s.retrievability(failed, T0 + 6 * 3600_000)).toBeLessThan(0.9);
    const good = s.rate(undefined, 3, T0);
    expect(s.retrievability(good, T0 + 3600_000)).toBeGreaterThan(r1h);
  });
});

describe('formatInterval', () => {
  it('labels intervals like Anki', () => {
    expect([MIN, 10 * MIN, 3 * 60 * MIN, 4 * DAY, 45 * DAY, 400 * DAY].map(formatInterval)).toEqual(['1m', '10m', '3h', '4d', '1.5mo', '1.1y']);
  });
});

describe('cloze siblings', () => {
  it('answering one deletion of a note buries its siblings waiting in the session until tomorrow (each front showed the other\'s answer)', () => {
    const now = T0;
    const store = new ReviewStore(new MemoryLog(), new MemorySnapshot(), undefined, new Scheduler({ ...DEFAULT_SETTINGS, fuzz: false }), 'w');
    store.load();
    const session = new ReviewSession(['n#c1', 'x', 'n#c2', 'n#c3', 'other#c1'], store, () => now);
    expect(session.progress().total).toBe(5);
    session.reveal();
    session.rate(4); // easy: no learning step, so only the siblings matter
    expect(session.progress().total).toBe(3);
    const shown: string[] = [];
    while (session.current) {
      shown.push(session.current);
      session.reveal();
      session.rate(4);
    }
    expect(shown).toEqual(['x', 'other#c1']);
    const buried = store.buriedCards();
    expect(buried.get('n#c2')).toBeGreaterThan(now);
    expect(buried.get('n#c3')).toBeGreaterThan(now);
    expect(buried.has('other#c1')).toBe(false);
  });
});
