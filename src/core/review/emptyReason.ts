/** What was true when a review session found nothing to show, to tell the learner why. */
export interface EmptyQueueFacts {
  /** The session asked for due cards / new cards. */
  includeDue: boolean;
  includeNew: boolean;
  /** Due cards in the scope (before the daily review limit). */
  dueTotal: number;
  /** Never-seen cards whose lessons have not been opened or read yet. */
  lockedNew: number;
  /** Never-seen cards that may be introduced, but today's new-card allowance is used up. */
  newOverLimit: number;
  /** Today's allowances (after what was already done today). */
  newLeftToday: number;
  reviewsLeftToday: number;
  newPerDay: number;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * The real reason a queue is empty, most specific first: a limit reached, cards of the other kind
 * waiting, lessons not opened yet, or simply nothing to do.
 */
export function emptyQueueReason(f: EmptyQueueFacts): string {
  const parts: string[] = [];
  if (f.includeDue && f.dueTotal > 0 && f.reviewsLeftToday === 0) parts.push(`Today's review limit is reached; ${plural(f.dueTotal, 'card is', 'cards are')} still due (raise "Maximum Reviews Per Day" to continue).`);
  if (f.includeNew && f.newOverLimit > 0 && f.newLeftToday === 0) parts.push(`Today's ${plural(f.newPerDay, 'new card')} are introduced; ${f.newOverLimit} more wait for tomorrow (or raise "New Cards Per Day").`);
  if (!f.includeDue && f.dueTotal > 0) parts.push(`${plural(f.dueTotal, 'card is', 'cards are')} due: use Review Due Cards.`);
  if (parts.length === 0 && f.includeNew && f.lockedNew > 0) parts.push(`Nothing is due. ${plural(f.lockedNew, 'new card is', 'new cards are')} waiting for you to open or read their lessons.`);
  if (parts.length === 0) parts.push(f.includeNew ? 'Nothing is due right now. Come back later.' : 'Nothing is due right now. Come back later, or learn new cards.');
  return parts.join(' ');
}
