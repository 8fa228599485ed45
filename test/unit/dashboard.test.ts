import { describe, expect, it } from 'vitest';
import * as path from 'node:path';
import { ContentIndex, type Catalog } from '../../src/core/content/contentIndex';
import { edgeCrossings, layoutTrack } from '../../src/core/roadmap/layout';
import { dayKey, type DayStats, type WindowEntry } from '../../src/core/review/reviewStore';
import { DEFAULT_SETTINGS, Scheduler, type SchedState } from '../../src/core/review/scheduler';
import { computeDashboard, nextLesson, type DashboardInput } from '../../src/core/stats/dashboard';
import { fsContentSource } from '../../src/node/fsContentSource';
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
  it('lays prerequisites out top to bottom, each stage a box around its lessons, edges routed between them', () => {
    const l = layoutTrack(catalog(), 't')!;
    expect(l.stages.map((s) => s.id)).toEqual(['s1', 's2']);
    const at = Object.fromEntries(l.nodes.map((n) => [n.id, n]));
    // a lesson sits below its prerequisite
    expect(at.b.y).toBeGreaterThan(at.a.y + at.a.h);
    expect(at.c.y).toBeGreaterThan(at.b.y + at.b.h);
    expect(l.edges.map(({ from, to }) => ({ from, to }))).toEqual([{ from: 'a', to: 'b' }, { from: 'b', to: 'c' }]);
    for (const e of l.edges) {
      const [first, last] = [e.points[0], e.points[e.points.length - 1]];
      expect(first.y).toBeGreaterThanOrEqual(at[e.from].y + at[e.from].h - 1);
      expect(last.y).toBeLessThanOrEqual(at[e.to].y + 1);
    }
    for (const n of l.nodes) {
      const s = l.stages.find((x) => x.id === n.stageId)!;
      // inside its stage's box, below the title strip
      expect(n.x).toBeGreaterThanOrEqual(s.x);
      expect(n.x + n.w).toBeLessThanOrEqual(s.x + s.w);
      expect(n.y).toBeGreaterThanOrEqual(s.y + 20);
      expect(n.y + n.h).toBeLessThanOrEqual(s.y + s.h);
      expect(n.x + n.w).toBeLessThanOrEqual(l.width);
      expect(n.y + n.h).toBeLessThanOrEqual(l.height);
    }
    // stage boxes do not overlap
    const [s1, s2] = l.stages;
    expect(s1.x + s1.w <= s2.x || s2.x + s2.w <= s1.x || s1.y + s1.h <= s2.y || s2.y + s2.h <= s1.y).toBe(true);
  });

  it('crosses far fewer edges than the one-column-per-stage layout on the bundled roadmaps (issue 11 item 18)', () => {
    const index = new ContentIndex(fsContentSource);
    index.loadRoots([path.join(__dirname, '../../content')]);
    const c = index.catalog;
    const report: string[] = [];
    for (const track of c.tracks) {
      const now = edgeCrossings(layoutTrack(c, track.id)!.edges);
      const before = edgeCrossings(columnLayoutEdges(c, track.id));
      report.push(`${track.id}: ${before} -> ${now}`);
      expect(now).toBeLessThanOrEqual(before / 2);
    }
    // the Transformer track was reported with about 50 crossings and measures 124 with the old layout
    expect(report.join('; ')).toMatch(/transformer-systems: 1\d\d -> \d\d\b/);
  });

  it('counts crossings of routed lines, not of lines that share a lesson', () => {
    const line = (from: string, to: string, ...xy: number[]) => ({ from, to, points: Array.from({ length: xy.length / 2 }, (_, k) => ({ x: xy[2 * k], y: xy[2 * k + 1] })) });
    expect(edgeCrossings([line('a', 'b', 0, 0, 10, 10), line('c', 'd', 0, 10, 10, 0)])).toBe(1);
    expect(edgeCrossings([line('a', 'b', 0, 0, 10, 10), line('a', 'd', 0, 10, 10, 0)])).toBe(0);
    expect(edgeCrossings([line('a', 'b', 0, 0, 10, 0), line('c', 'd', 0, 5, 10, 5)])).toBe(0);
    expect(edgeCrossings([line('a', 'b', 0, 0, 5, 5, 10, 0), line('c', 'd', 0, 4, 10, 4)])).toBe(1);
  });
});

/**
 * The map's previous layout, for the comparison: one column per stage, lessons stacked in order,
 * an edge drawn from the right of its prerequisite to the left of the lesson (or looping out to
 * the right within a column).
 */
function columnLayoutEdges(c: Catalog, trackId: string) {
  const track = c.tracks.find((t) => t.id === trackId)!;
  const pos = new Map<string, { x: number; y: number }>();
  track.stages.forEach((s, col) => s.lessonIds.forEach((id, row) => pos.set(id, { x: 16 + col * 260, y: 68 + row * 60 })));
  const edges = [];
  for (const [id, b] of pos) {
    for (const p of c.lessons.get(id)?.prerequisites ?? []) {
      const a = pos.get(p);
      if (!a) continue;
      const points = a.x === b.x
        ? [{ x: a.x + 190, y: a.y + 23 }, { x: a.x + 212, y: a.y + 23 }, { x: a.x + 212, y: b.y + 23 }, { x: b.x + 190, y: b.y + 23 }]
        : [{ x: a.x + 190, y: a.y + 23 }, { x: b.x, y: b.y + 23 }];
      edges.push({ from: p, to: id, points });
    }
  }
  return edges;
}
