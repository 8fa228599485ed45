import { describe, expect, it } from 'vitest';
import { countDue } from '../../src/core/review/dueCount';
import { buildQueue } from '../../src/core/review/queue';
import type { SchedState } from '../../src/core/review/scheduler';

describe('one count of due cards', () => {
  it('equals the review queue\'s own count of due cards for random states (learning, review, buried, new)', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const now = Date.UTC(2026, 11, 4, 12);
    for (let trial = 0; trial < 50; trial++) {
      const ids = Array.from({ length: 200 }, (_, i) => `c${i}`);
      const states = new Map<string, SchedState>();
      const buried = new Map<string, number>();
      for (const id of ids) {
        const r = rand();
        if (r < 0.2) continue; // new: no state
        const state = r < 0.3 ? 0 : r < 0.5 ? 1 : r < 0.6 ? 3 : 2;
        states.set(id, { due: now + (rand() - 0.6) * 3 * 86_400_000 * (state === 2 ? 1 : 0.01), stability: 1, difficulty: 5, elapsed_days: 0, scheduled_days: 0, reps: 1, lapses: 0, state, last_review: now - 86_400_000 } as unknown as SchedState);
        if (rand() < 0.1) buried.set(id, now + (rand() < 0.5 ? 3_600_000 : -3_600_000));
      }
      const q = buildQueue({ cardIds: ids, states, buried, now, isNewAllowed: () => true, newLimit: 20, reviewLimit: 5 });
      expect(countDue(ids, states, buried, now)).toBe(q.dueTotal);
    }
  });
});
