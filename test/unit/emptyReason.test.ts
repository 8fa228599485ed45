import { describe, expect, it } from 'vitest';
import { emptyQueueReason, type EmptyQueueFacts } from '../../src/core/review/emptyReason';

const base: EmptyQueueFacts = { includeDue: true, includeNew: true, dueTotal: 0, lockedNew: 0, newOverLimit: 0, newLeftToday: 20, reviewsLeftToday: 200, newPerDay: 20 };

describe('why a review session is empty', () => {
  it('Learn New Cards after the daily limit says so and points at the due cards (it said "60 new cards are waiting for you to open their lessons")', () => {
    const msg = emptyQueueReason({ ...base, includeDue: false, dueTotal: 18, lockedNew: 60, newOverLimit: 12, newLeftToday: 0 });
    expect(msg).toMatch(/Today's 20 new cards are introduced; 12 more wait for tomorrow/);
    expect(msg).toMatch(/18 cards are due: use Review Due Cards/);
    expect(msg).not.toMatch(/open or read/);
  });

  it('the review limit reached', () => {
    expect(emptyQueueReason({ ...base, dueTotal: 5, reviewsLeftToday: 0 })).toMatch(/review limit is reached; 5 cards are still due/);
  });

  it('locked new cards only when nothing else explains it', () => {
    expect(emptyQueueReason({ ...base, lockedNew: 1 })).toBe('Nothing is due. 1 new card is waiting for you to open or read their lessons.');
    expect(emptyQueueReason(base)).toBe('Nothing is due right now. Come back later.');
    expect(emptyQueueReason({ ...base, includeNew: false })).toMatch(/or learn new cards/);
  });
});
