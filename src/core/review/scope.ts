import type { Catalog } from '../content/contentIndex';
import type { Card, Deck } from '../types';

/** What a review session covers. */
export type ReviewScope =
  | { kind: 'all' }
  | { kind: 'track'; id: string }
  | { kind: 'stage'; id: string }
  | { kind: 'lesson'; id: string };

export function scopeLabel(c: Catalog, s: ReviewScope): string {
  switch (s.kind) {
    case 'all': return 'All decks';
    case 'track': return c.tracks.find((t) => t.id === s.id)?.title ?? s.id;
    case 'stage': return c.stages.get(s.id)?.title ?? s.id;
    case 'lesson': return c.lessons.get(s.id)?.title ?? s.id;
  }
}

const scopeCache = new WeakMap<Catalog, Map<string, readonly string[]>>();

/**
 * Cards in a scope, in content order: by lesson in recommended order, stage decks after their
 * stage's lessons. The same array for the same catalog and scope, so typed-array views keyed by it
 * (ReviewStore.columnsFor) stay valid until the content changes.
 */
export function cardsInScope(c: Catalog, scope: ReviewScope): readonly string[] {
  const key = scope.kind === 'all' ? 'all' : `${scope.kind}:${scope.id}`;
  let cache = scopeCache.get(c);
  if (!cache) scopeCache.set(c, (cache = new Map()));
  let ids = cache.get(key);
  if (!ids) cache.set(key, (ids = Object.freeze(collectScope(c, scope))));
  return ids;
}

function collectScope(c: Catalog, scope: ReviewScope): string[] {
  const out: string[] = [];
  const addDecks = (decks: readonly Deck[] | undefined) => decks?.forEach((d) => d.cards.forEach((card) => out.push(card.id)));
  for (const track of c.tracks) {
    if (scope.kind === 'track' && track.id !== scope.id) continue;
    for (const stage of track.stages) {
      if (scope.kind === 'stage' && stage.id !== scope.id) continue;
      for (const lessonId of stage.lessonIds) {
        if (scope.kind === 'lesson' && lessonId !== scope.id) continue;
        addDecks(c.decksByLesson.get(lessonId));
      }
      if (scope.kind !== 'lesson') addDecks(c.decksByStage.get(stage.id));
    }
  }
  return out;
}

/** The lessons whose reading unlocks a card: its deck's lesson, or every lesson of its deck's stage. */
export function unlockingLessons(c: Catalog, card: Card): readonly string[] {
  const deck = c.decks.get(card.deckId);
  if (!deck) return [];
  if (deck.lesson) return [deck.lesson];
  if (deck.stage) return c.stages.get(deck.stage)?.lessonIds ?? [];
  return [];
}
