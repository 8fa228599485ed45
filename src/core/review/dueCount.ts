import type { SchedState } from './scheduler';

/**
 * How many of `cardIds` are due now, by the rule the review queue uses (`buildQueue`): a card in
 * review state when its due time has passed, a card in (re)learning when it falls due within the
 * learn-ahead window, never a new or buried card. The tree, the status bar and the Today view all
 * count with this, so they never disagree (they once said "1 due" and "18 due" at the same moment).
 */
export function countDue(
  cardIds: readonly string[],
  states: ReadonlyMap<string, SchedState>,
  buried: ReadonlyMap<string, number>,
  now: number,
  learnAheadMs = 20 * 60_000,
): number {
  const horizon = now + learnAheadMs;
  let n = 0;
  for (const id of cardIds) {
    const s = states.get(id);
    if (!s || s.state === 0) continue;
    if (s.due > (s.state === 2 ? now : horizon)) continue;
    const b = buried.get(id);
    if (b !== undefined && b > now) continue;
    n++;
  }
  return n;
}
