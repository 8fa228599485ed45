import { describe, expect, it } from 'vitest';
import { ContentIndex } from '../../src/core/content/contentIndex';
import { layoutTrack } from '../../src/core/roadmap/layout';
import { dayKey, type DayStats, type WindowEntry } from '../../src/core/review/reviewStore';
import { DEFAULT_SETTINGS, Scheduler, type SchedState } from '../../src/core/review/scheduler';
import { computeDashboard, nextLesson, type DashboardInput } from '../../src/core/stats/dashboard';
import { lessonFile, MemorySource } from './memorySource';

const NOW = new Date(2026, 10, 22, 12, 0).getTime();
const DAY = 86_400_000;
const sched = new Scheduler({ ...DEFAULT_SETTINGS, fuzz: false });

const deck = (id: string, lesson: string, cards: [string, string][]) =>
  `---\nid: ${id}\nlesson: ${lesson}\n---\n` + cards.map(([cid, cat]) => `## ${cid}\ntype: basic\ncategory: ${cat}\n\nQ\n?\nA\n`).join('\n');

function catalog() {
  const index = new ContentIndex(new MemorySource({
    '/c/roadmap.yaml': 'id: t\ntitle: T\nstages:\n  - id: s1\n    title: One\n    lessons: [a, b]\n  - id: s2\n    title: Two\n    lessons: [c]\n',
    '/c/a.md': lessonFile({ id: 'a', title: 'A', track: 't', stage: 's1', summary: 'x', status: 'published', minutes: 5 }),
    '/c/b.md': lessonFile({ id: 'b', title: 'B', track: 't', stage: 's1', summary: 'x', status: 'published', minutes: 5, prerequisites: ['a'] }),
    '/c/c.md': lessonFile({ id: 'c', title: 'C', track: 't', stage: 's2', summary: 'x', status: 'planned', prerequisites: ['b'] }),
    '/c/a.deck.md': deck('da', 'a', [['a1', 'concept'], ['a2', 'mechanism']]),
    '/c/b.deck.md': deck('db', 'b', [['b1', 'equation'], ['b2', 'equation']]),
  }));
  index.loadRoots(['/c']);
  return index.catalog;
}

/** A card reviewed Good twice, the last time `daysAgo` days before NOW. */
function seen(daysAgo: number, lapses = 0): SchedState {
  let s = sched.rate(undefined, 3, NOW - daysAgo * DAY - 20 * 60_000);
  s = sched.rate(s, 3, NOW - daysAgo * DAY);
  return { ...s, lapses };
}

function input(states: Record<string, SchedState>, extra: Partial<DashboardInput> = {}): DashboardInput {
  return {
    catalog: catalog(),
    states: new Map(Object.entries(states)),
    curve: sched.curve,
    days: new Map<string, DayStats>(),
    window: [],
    isRead: () => false,
    now: NOW,
    queue: { due: [], fresh: [] },
    ...extra,
  };
}

describe('recall score', () => {
  it('is the mean retrievability over all cards, unseen cards counting 0', () => {
    const a1 = seen(1);
    const d = computeDashboard(input({ a1 }));
    const r = sched.retrievability(a1, NOW);
    expect(r).toBeGreaterThan(0.8);
    expect(d.tracks[0].score).toBeCloseTo(r / 4, 10);
    expect(d.tracks[0].stages.map((s) => [s.id, s.cards, s.seen])).toEqual([['s1', 4, 1], ['s2', 0, 0]]);
    expect(d.tracks[0].stages[0].score).toBeCloseTo(r / 4, 10);
  });

  it('does not rise from reading alone, and forecasts lower scores without review', () => {
    const none = computeDashboard(input({}, { isRead: () => true }));
    expect(none.tracks[0].score).toBe(0);
    const d = computeDashboard(input({ a1: seen(1), a2: seen(3), b1: seen(2) }));
    const t = d.tracks[0];
    expect(t.forecast7).toBeLessThan(t.score);
    expect(t.forecast30).toBeLessThan(t.forecast7);
    expect(t.seen).toBe(3);
  });
});

describe('statistics', () => {
  it('counts a streak that may end yesterday, time spent, and the due forecast', () => {
    const days = new Map<string, DayStats>([
      [dayKey(NOW - DAY), { n: 5, ms: 60_000 }],
      [dayKey(NOW - 2 * DAY), { n: 3, ms: 120_000 }],
      [dayKey(NOW - 4 * DAY), { n: 1, ms: 0 }],
    ]);
    const a1 = { ...seen(0), due: NOW + 3 * DAY };
    const d = computeDashboard(input({ a1 }, { days }));
    expect(d.streak).toBe(2);
    expect(d.minutes30).toBe(3);
    expect(d.heatmap).toHaveLength(365);
    expect(d.heatmap.at(-2)).toEqual({ day: dayKey(NOW - DAY), n: 5 });
    expect(d.forecast.find((f) => f.day === dayKey(NOW + 3 * DAY))?.n).toBe(1);
    days.set(dayKey(NOW), { n: 1, ms: 0 });
    expect(computeDashboard(input({}, { days })).streak).toBe(3);
  });

  it('computes true retention by category from reviews of cards in review state only', () => {
    const window: WindowEntry[] = [
      ['w.1', 'a1', NOW - DAY, 3, 1],
      ['w.2', 'a1', NOW - 2 * DAY, 1, 1],
      ['w.3', 'b1', NOW - DAY, 3, 1],
      ['w.4', 'b1', NOW - DAY, 1, 0], // a learning step: not counted
      ['w.5', 'a2', NOW - 40 * DAY, 1, 1], // older than 30 days
    ];
    const d = computeDashboard(input({}, { window }));
    expect(d.retention).toEqual([
      { category: 'concept', pass: 1, total: 2 },
      { category: 'mechanism', pass: 0, total: 0 },
      { category: 'equation', pass: 1, total: 1 },
      { category: 'implementation', pass: 0, total: 0 },
    ]);
  });

  it('lists leeches with their lesson, and explains the queue', () => {
    const states = { a1: { ...seen(10, 9), due: NOW - 3 * DAY }, a2: { ...seen(1), due: NOW - 60_000 } };
    const d = computeDashboard(input(states, { queue: { due: ['a1', 'a2'], fresh: ['b1', 'b2'] } }));
    expect(d.leeches).toEqual([{ cardId: 'a1', noteId: 'a1', lessonId: 'a', lessonTitle: 'A', lapses: 9 }]);
    expect(d.queue.reasons).toEqual([
      '1 concept card from A is overdue',
      '1 mechanism card from A is due today',
      '2 new equation cards from B',
    ]);
  });
});

describe('continue where I left off', () => {
  it('suggests the next unread lesson whose prerequisites are read, skipping planned ones', () => {
    expect(nextLesson(input({}))?.id).toBe('a');
    expect(nextLesson(input({}, { isRead: (id) => id === 'a' }))).toMatchObject({ id: 'b', why: 'its prerequisites are read: A' });
    expect(nextLesson(input({}, { isRead: (id) => id !== 'c' }))).toBeUndefined();
  });

  it('names the lesson whose cards fade fastest', () => {
    const d = computeDashboard(input({ a1: seen(0), b1: seen(30) }));
    expect(d.decaying?.id).toBe('a');
  });
});

describe('roadmap layout', () => {
  it('puts stages in columns in order, lessons in rows, and prerequisite edges between them', () => {
    const l = layoutTrack(catalog(), 't')!;
    expect(l.stages.map((s) => s.id)).toEqual(['s1', 's2']);
    const pos = Object.fromEntries(l.nodes.map((n) => [n.id, [n.x, n.y]]));
    expect(pos.a[0]).toBe(pos.b[0]);
    expect(pos.b[1]).toBeGreaterThan(pos.a[1]);
    expect(pos.c[0]).toBeGreaterThan(pos.a[0]);
    expect(l.edges).toEqual([{ from: 'a', to: 'b' }, { from: 'b', to: 'c' }]);
    for (const n of l.nodes) {
      expect(n.x + n.w).toBeLessThanOrEqual(l.width);
      expect(n.y + n.h).toBeLessThanOrEqual(l.height);
    }
  });
});
