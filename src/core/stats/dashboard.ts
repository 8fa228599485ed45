import type { Catalog } from '../content/contentIndex';
import { dayStart } from '../review/queue';
import { dayKey, type DayStats, type WindowEntry } from '../review/reviewStore';
import type { ForgettingCurve, SchedState } from '../review/scheduler';
import { StateColumns } from '../review/stateColumns';
import { CARD_CATEGORIES, type CardCategory } from '../types';

const DAY = 86_400_000;
/** Anki's default: a card that lapsed this often is a leech. */
export const LEECH_LAPSES = 8;

export interface DashboardInput {
  catalog: Catalog;
  states: ReadonlyMap<string, SchedState>;
  /** The same states as typed arrays over cardsInDeckOrder(catalog) (ReviewStore.columnsFor): saves 100,000 Map lookups. */
  columns?: StateColumns;
  /** The scheduler's forgetting curve (evaluated three times per card). */
  curve: ForgettingCurve;
  days: ReadonlyMap<string, DayStats>;
  window: readonly WindowEntry[];
  isRead(lessonId: string): boolean;
  now: number;
  /** Today's queue (due first, then new), as the review service builds it. */
  queue: { due: readonly string[]; fresh: readonly string[] };
}

export interface RecallScore {
  id: string;
  title: string;
  /** Mean retrievability today over all cards (unseen cards count 0), 0..1. */
  score: number;
  /** The same in 7 and 30 days if nothing is reviewed. */
  forecast7: number;
  forecast30: number;
  cards: number;
  seen: number;
}

export interface DashboardData {
  tracks: (RecallScore & { stages: RecallScore[] })[];
  queue: { due: number; fresh: number; reasons: string[] };
  heatmap: { day: string; n: number }[];
  forecast: { day: string; n: number }[];
  retention: { category: CardCategory; pass: number; total: number }[];
  streak: number;
  today: { reviews: number; minutes: number };
  minutes30: number;
  leeches: { cardId: string; noteId: string; lessonId?: string; lessonTitle?: string; lapses: number }[];
  continueWith?: { id: string; title: string; why: string };
  decaying?: { id: string; title: string; drop: number };
}

interface Acc {
  r: number;
  r7: number;
  r30: number;
  cards: number;
  seen: number;
}

const acc = (): Acc => ({ r: 0, r7: 0, r30: 0, cards: 0, seen: 0 });
const score = (id: string, title: string, a: Acc): RecallScore => ({
  id, title, cards: a.cards, seen: a.seen,
  score: a.cards ? a.r / a.cards : 0, forecast7: a.cards ? a.r7 / a.cards : 0, forecast30: a.cards ? a.r30 / a.cards : 0,
});

const deckOrder = new WeakMap<Catalog, readonly string[]>();

/** Every card id in the order computeDashboard visits them (decks in catalog order): the ids of its `columns`. */
export function cardsInDeckOrder(c: Catalog): readonly string[] {
  let ids = deckOrder.get(c);
  if (!ids) {
    const out: string[] = [];
    for (const deck of c.decks.values()) for (const card of deck.cards) out.push(card.id);
    deckOrder.set(c, (ids = Object.freeze(out)));
  }
  return ids;
}

/** Everything the daily practice dashboard shows, computed in one pass over the cards (see docs/scoring.md). */
export function computeDashboard(input: DashboardInput): DashboardData {
  const { catalog: c, now } = input;
  const ids = cardsInDeckOrder(c);
  const cols = input.columns?.ids === ids ? input.columns : new StateColumns(ids).sync(input.states);
  const { decay, factor } = input.curve;
  const stageAcc = new Map<string, Acc>();
  const lessonAcc = new Map<string, Acc>();
  const leeches: DashboardData['leeches'] = [];
  const dueByDay = new Map<string, number>();
  const horizon = now + 30 * DAY;

  let next = 0; // position of the deck's first card in `ids`
  for (const deck of c.decks.values()) {
    const first = next;
    next += deck.cards.length;
    const stageId = deck.lesson ? c.lessons.get(deck.lesson)?.stage : deck.stage;
    if (!stageId || !c.stages.has(stageId)) continue;
    const sa = stageAcc.get(stageId) ?? acc();
    stageAcc.set(stageId, sa);
    const la = deck.lesson ? lessonAcc.get(deck.lesson) ?? acc() : undefined;
    if (deck.lesson && la) lessonAcc.set(deck.lesson, la);
    for (let j = 0; j < deck.cards.length; j++) {
      const i = first + j;
      sa.cards++;
      if (la) la.cards++;
      if (cols.state[i] === 0 || !(cols.stability[i] > 0)) continue;
      // R = (1 + factor·t/S)^decay at t, t+7 and t+30 days, t fractional (see docs/scoring.md)
      const k = factor / cols.stability[i];
      const t = Math.max(0, (now - cols.lastReview[i]) / DAY);
      const r = (1 + k * t) ** decay;
      const r7 = (1 + k * (t + 7)) ** decay;
      const r30 = (1 + k * (t + 30)) ** decay;
      sa.seen++;
      sa.r += r;
      sa.r7 += r7;
      sa.r30 += r30;
      if (la) {
        la.seen++;
        la.r += r;
        la.r7 += r7;
        la.r30 += r30;
      }
      const due = cols.due[i];
      if (due > now && due <= horizon) {
        const k = dayKey(due);
        dueByDay.set(k, (dueByDay.get(k) ?? 0) + 1);
      }
      if (cols.lapses[i] >= LEECH_LAPSES) {
        const card = deck.cards[j];
        const lesson = deck.lesson ? c.lessons.get(deck.lesson) : undefined;
        leeches.push({ cardId: card.id, noteId: card.noteId, lessonId: lesson?.id, lessonTitle: lesson?.title, lapses: cols.lapses[i] });
      }
    }
  }

  const tracks = c.tracks.map((t) => {
    const total = acc();
    const stages = t.stages.map((s) => {
      const a = stageAcc.get(s.id) ?? acc();
      total.r += a.r;
      total.r7 += a.r7;
      total.r30 += a.r30;
      total.cards += a.cards;
      total.seen += a.seen;
      return score(s.id, s.title, a);
    });
    return { ...score(t.id, t.title, total), stages };
  });

  // statistics from the day aggregates and the 31-day window
  const today = dayKey(now);
  const heatmap: DashboardData['heatmap'] = [];
  for (let i = 364; i >= 0; i--) {
    const k = dayKey(now - i * DAY);
    heatmap.push({ day: k, n: input.days.get(k)?.n ?? 0 });
  }
  const forecast: DashboardData['forecast'] = [];
  for (let i = 1; i <= 30; i++) {
    const k = dayKey(now + i * DAY);
    forecast.push({ day: k, n: dueByDay.get(k) ?? 0 });
  }
  let streak = 0;
  for (let i = input.days.get(today)?.n ? 0 : 1; ; i++) {
    if (!input.days.get(dayKey(now - i * DAY))?.n) break;
    streak++;
  }
  let ms30 = 0;
  for (let i = 0; i < 30; i++) ms30 += input.days.get(dayKey(now - i * DAY))?.ms ?? 0;

  const since = now - 30 * DAY;
  const ret = new Map<CardCategory, { pass: number; total: number }>(CARD_CATEGORIES.map((k) => [k, { pass: 0, total: 0 }]));
  for (const [, cardId, t, rating, wasReview] of input.window) {
    if (t < since || !wasReview) continue;
    const card = c.cards.get(cardId);
    if (!card) continue;
    const r = ret.get(card.category)!;
    r.total++;
    if (rating > 1) r.pass++;
  }

  return {
    tracks,
    queue: { due: input.queue.due.length, fresh: input.queue.fresh.length, reasons: queueReasons(input) },
    heatmap,
    forecast,
    retention: [...ret].map(([category, v]) => ({ category, ...v })),
    streak,
    today: { reviews: input.days.get(today)?.n ?? 0, minutes: Math.round((input.days.get(today)?.ms ?? 0) / 60000) },
    minutes30: Math.round(ms30 / 60000),
    leeches: leeches.sort((a, b) => b.lapses - a.lapses).slice(0, 20),
    continueWith: nextLesson(input),
    decaying: fastestDecaying(c, lessonAcc),
  };
}

/** "3 mechanism cards from KV cache are overdue": the biggest groups of today's queue, by lesson and category. */
export function queueReasons(input: DashboardInput): string[] {
  const { catalog: c, now } = input;
  const startToday = dayStart(now);
  const groups = new Map<string, { title: string; category: CardCategory; overdue: number; dueToday: number; fresh: number }>();
  const add = (cardId: string, kind: 'overdue' | 'dueToday' | 'fresh') => {
    const card = c.cards.get(cardId);
    if (!card) return;
    const deck = c.decks.get(card.deckId);
    const title = (deck?.lesson && c.lessons.get(deck.lesson)?.title) || (deck?.stage && c.stages.get(deck.stage)?.title) || deck?.title || card.deckId;
    const key = `${title}\u0000${card.category}`;
    const g = groups.get(key) ?? { title, category: card.category, overdue: 0, dueToday: 0, fresh: 0 };
    g[kind]++;
    groups.set(key, g);
  };
  for (const id of input.queue.due) add(id, (input.states.get(id)?.due ?? now) < startToday ? 'overdue' : 'dueToday');
  for (const id of input.queue.fresh) add(id, 'fresh');
  const plural = (n: number, what: string) => `${n} ${what} card${n === 1 ? '' : 's'}`;
  return [...groups.values()]
    .sort((a, b) => b.overdue - a.overdue || b.dueToday - a.dueToday || b.fresh - a.fresh)
    .slice(0, 4)
    .map((g) => g.overdue
      ? `${plural(g.overdue, g.category)} from ${g.title} ${g.overdue === 1 ? 'is' : 'are'} overdue`
      : g.dueToday
        ? `${plural(g.dueToday, g.category)} from ${g.title} ${g.dueToday === 1 ? 'is' : 'are'} due today`
        : `${plural(g.fresh, `new ${g.category}`)} from ${g.title}`);
}

/** The next unread published lesson in recommended order whose prerequisites are read (planned ones cannot be, so they do not block). */
export function nextLesson(input: DashboardInput): DashboardData['continueWith'] {
  const c = input.catalog;
  for (const id of c.lessonOrder) {
    const l = c.lessons.get(id)!;
    if (l.status !== 'published' || input.isRead(id)) continue;
    const missing = l.prerequisites.filter((p) => c.lessons.get(p)?.status === 'published' && !input.isRead(p));
    if (missing.length) continue;
    const read = l.prerequisites.filter((p) => input.isRead(p)).map((p) => c.lessons.get(p)?.title ?? p);
    return { id, title: l.title, why: read.length ? `its prerequisites are read: ${read.join(', ')}` : 'next in the recommended order' };
  }
  return undefined;
}

function fastestDecaying(c: Catalog, lessons: ReadonlyMap<string, Acc>): DashboardData['decaying'] {
  let best: DashboardData['decaying'];
  for (const [id, a] of lessons) {
    if (!a.seen) continue;
    const drop = (a.r - a.r7) / a.seen;
    if (!best || drop > best.drop) best = { id, title: c.lessons.get(id)?.title ?? id, drop };
  }
  return best && best.drop > 0 ? best : undefined;
}
