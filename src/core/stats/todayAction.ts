import type { DashboardData } from './dashboard';

/** What the Today view says first and which one action it offers. */
export interface TodayAction {
  headline: string;
  detail?: string;
  primary?: { kind: 'practice' | 'lesson'; label: string; lessonId?: string };
}

/**
 * Due cards first; on day one (no card ever reviewed) the next lesson, since reading it is what
 * unlocks cards; otherwise "all caught up" with when the next cards come due and the next lesson.
 * Never a disabled button: a view's first line says what to do.
 */
export function todayAction(d: Pick<DashboardData, 'queue' | 'tracks' | 'forecast' | 'continueWith'>): TodayAction {
  const total = d.queue.due + d.queue.fresh;
  if (total > 0) {
    return { headline: `${d.queue.due} due · ${d.queue.fresh} new`, detail: d.queue.reasons[0], primary: { kind: 'practice', label: 'Start practice' } };
  }
  const seen = d.tracks.reduce((n, t) => n + t.seen, 0);
  const lesson = d.continueWith && { kind: 'lesson' as const, label: `${seen ? 'Continue' : 'Read'}: ${d.continueWith.title}`, lessonId: d.continueWith.id };
  if (seen === 0) {
    return { headline: 'Start with a lesson', detail: 'Reading a lesson unlocks its review cards; they come back here when they are due.', primary: lesson };
  }
  const next = d.forecast.find((f) => f.n > 0);
  return { headline: 'All caught up', detail: next ? `Next: ${next.n} card${next.n === 1 ? '' : 's'} due on ${next.day}.` : 'No cards are scheduled in the next 30 days.', primary: lesson };
}
