import { cardFaces, checkNumericAnswer, formatAnswer, type CardFaces } from '../core/content/cardText';
import { formatInterval, RATINGS } from '../core/review/scheduler';
import type { Card } from '../core/types';
import type { CardView, RevealView } from '../shared/protocol/review';
import type { ContentService } from './contentService';
import type { ReviewService } from './reviewService';

/**
 * Turns cards into what a card face shows, for the review panel and the lesson's review areas alike:
 * the front (numeric parameters drawn per showing, trace steps shuffled), and on reveal the back, the
 * verdict of an automatic check and the interval each rating would give. Faces render in the panel
 * worker. The faces of each card shown are kept until it is shown again, so the reveal checks the
 * numbers the learner saw.
 */
export class CardPresenter {
  private readonly shown = new Map<string, { key: string; faces: CardFaces; stepOrder?: string[] }>();
  private showings = 0;

  constructor(private readonly content: ContentService, private readonly reviews: ReviewService) {}

  async view(card: Card): Promise<CardView> {
    const faces = cardFaces(card, Math.random);
    const c = this.content.catalog;
    const deck = c.decks.get(card.deckId);
    const lesson = deck?.lesson ? c.lessons.get(deck.lesson) : undefined;
    const steps = card.trace?.steps ?? [];
    const [frontHtml, ...stepHtml] = await this.content.renderCard(card.file, [{ markdown: faces.front }, ...steps.map((s) => ({ markdown: s, inline: true }))]);
    const view: CardView = {
      id: card.id,
      key: `${card.id}@${++this.showings}`,
      type: card.type,
      category: card.category,
      deckTitle: deck?.title ?? card.deckId,
      lessonTitle: lesson?.title,
      frontHtml,
      unit: card.numeric?.unit,
    };
    if (card.trace) view.steps = shuffle(stepHtml.map((html, i) => ({ key: `s${i}`, html })));
    this.shown.set(card.id, { key: view.key, faces, stepOrder: view.steps?.map((s) => s.key) });
    return view;
  }

  /** The key of the showing a reveal will be checked against (the last view made of the card). */
  keyOf(cardId: string): string | undefined {
    return this.shown.get(cardId)?.key;
  }

  async reveal(card: Card, answer?: string, order?: string[]): Promise<RevealView> {
    const shown = this.shown.get(card.id);
    const faces = shown?.faces ?? cardFaces(card);
    const steps = card.trace?.steps ?? [];
    const [backHtml, ...reference] = await this.content.renderCard(card.file,
      [{ markdown: card.type === 'trace' ? card.trace!.note : faces.back }, ...steps.map((s) => ({ markdown: s, inline: true }))]);
    // the intervals are computed after the render, from the state at the moment they are shown
    const now = Date.now();
    const outcomes = this.reviews.store.preview(card.id, now);
    const intervals = Object.fromEntries(RATINGS.map((r) => [r, formatInterval(outcomes[r].due - now)])) as RevealView['intervals'];
    const reveal: RevealView = { backHtml, intervals };
    if (card.numeric && faces.numeric) {
      const typed = (answer ?? '').trim();
      const check = checkNumericAnswer(typed, faces.numeric.answer, card.numeric);
      reveal.numeric = { ok: check.ok, typed, expected: formatAnswer(faces.numeric.answer, card.numeric.unit, card.numeric.precision) };
    }
    if (card.trace) {
      const given = order ?? shown?.stepOrder ?? [];
      reveal.trace = { referenceHtml: reference, correct: reference.map((_, i) => given[i] === `s${i}`) };
    }
    return reveal;
  }
}

function shuffle<T>(items: T[]): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  // a shuffle that happens to be the answer teaches nothing
  if (a.length > 1 && a.every((x, i) => x === items[i])) a.push(a.shift()!);
  return a;
}
