import { retryArea } from '../../core/content/recallAreas';
import type { LessonFromWebview, RecallAreaView, RecallCardView } from '../../shared/protocol/lesson';
import type { CardView, RevealView } from '../../shared/protocol/review';
import { CardFace, type Rating } from '../common/cardFace';
import { el } from '../common/vscodeApi';

const NAMES = { 1: 'Again', 2: 'Hard', 3: 'Good', 4: 'Easy' } as const;

interface Done {
  card: CardView;
  /** "in 9 days", or undefined while the host records the rating. */
  next?: string;
  /** The rating given on this page, if any. */
  rating?: Rating;
}

interface Area {
  line: number;
  section: HTMLElement;
  /** Every card id placed in this area (the denominator of its count). */
  ids: string[];
  /** Cards still to answer here, in order: the area's own open cards, then cards retried from the area before. */
  queue: { card: CardView; retry: boolean }[];
  done: Map<string, Done>;
  face?: CardFace;
  /** The card on screen came back from an earlier area after Again. */
  retry: boolean;
  /** The last card rated in this area, which U (or the Undo button) takes back. */
  lastRated?: string;
}

/**
 * The lesson's review areas: each shows its open cards one at a time in a fixed place, question
 * first, with the same card face as the review panel. Ratings are real reviews (the host records them
 * in the review log); the next card of the area is already here, so it replaces the rated one without
 * a round trip. A card rated Again comes back in the next area down the page (or at the end of the
 * last one).
 */
export class RecallAreas {
  private areas: Area[] = [];
  /** The area of the page's last rating: only it can take its rating back (the store undoes its last one). */
  private lastArea?: Area;
  /** Milliseconds from a rating to the next card in the DOM, for the e2e's measurement. */
  readonly rateToNext: number[] = [];

  constructor(private readonly post: (msg: LessonFromWebview) => void, private readonly onChange: () => void) {}

  load(views: readonly RecallAreaView[]): void {
    this.areas = [];
    for (const v of views) {
      const section = document.querySelector<HTMLElement>(`section.recall-area[data-line="${v.line}"]`);
      if (!section) continue;
      const area: Area = {
        line: v.line, section, ids: v.cards.map((c) => c.id),
        queue: v.cards.filter((c) => c.state === 'open').map((c) => ({ card: c.card, retry: false })),
        done: new Map(v.cards.filter((c) => c.state === 'later').map((c: RecallCardView) => [c.id, { card: c.card, next: c.next }])),
        retry: false,
      };
      this.areas.push(area);
      section.classList.add('card-ui');
      section.tabIndex = 0;
      section.addEventListener('keydown', (e) => this.onKey(area, e));
      section.addEventListener('click', (e) => {
        if ((e.target as HTMLElement).closest('button.recall-undo')) this.undo(area);
      });
      this.showNext(area);
    }
    this.onChange();
  }

  /** Cards answered (rated at least once) of all cards placed in the lesson's areas. */
  counts(): { answered: number; total: number; byArea: { section: HTMLElement; answered: number; total: number }[] } {
    const byArea = this.areas.map((a) => ({ section: a.section, answered: a.ids.filter((id) => a.done.has(id) || this.ratedElsewhere(id)).length, total: a.ids.length }));
    return { answered: byArea.reduce((n, a) => n + a.answered, 0), total: byArea.reduce((n, a) => n + a.total, 0), byArea };
  }

  revealed(cardId: string, reveal: RevealView): void {
    const area = this.areas.find((a) => a.face?.view.id === cardId);
    area?.face?.showReveal(reveal);
  }

  rated(cardId: string, rating: Rating, next: string, canUndo: boolean): void {
    for (const area of this.areas) {
      const done = area.done.get(cardId);
      if (done && area.lastRated === cardId) {
        done.next = next;
        this.status(area, `${NAMES[rating]}: next review ${next}.`, canUndo && area === this.lastArea);
        this.renderLater(area);
      }
    }
  }

  undone(cardId: string, card: CardView): void {
    const area = this.areas.find((a) => a.lastRated === cardId);
    if (!area) return;
    area.done.delete(cardId);
    area.lastRated = undefined;
    this.lastArea = undefined;
    // the retry an Again put further down goes too
    for (const a of this.areas) {
      a.queue = a.queue.filter((q) => q.card.id !== cardId);
      if (a !== area && a.face?.view.id === cardId) this.showNext(a);
    }
    if (area.face) area.queue.unshift({ card: area.face.view, retry: area.retry });
    area.queue.unshift({ card, retry: false });
    this.status(area, 'Rating undone.', false);
    this.showNext(area);
    this.onChange();
  }

  private ratedElsewhere(id: string): boolean {
    return this.areas.some((a) => a.done.has(id));
  }

  private showNext(area: Area): void {
    const item = area.queue.shift();
    area.face = undefined;
    area.retry = false;
    const slot = area.section.querySelector('.recall-slot') ?? el('div', { class: 'recall-slot' });
    if (!area.section.firstChild) {
      area.section.append(
        el('header', { class: 'recall-head' }, el('span', { class: 'recall-title' }, 'Review area'), el('span', { class: 'recall-count' })),
        slot,
        el('p', { class: 'recall-status', role: 'status', 'aria-live': 'polite' }),
        el('ul', { class: 'recall-later', 'aria-label': 'Remembered cards' }));
    }
    if (item) {
      area.retry = item.retry;
      area.face = new CardFace(item.card, {
        reveal: (answer, order) => this.post({ type: 'recallReveal', cardId: item.card.id, answer, order }),
        rate: (n) => this.rate(area, n),
      }, `r${area.line}-`);
      const note = item.retry ? el('p', { class: 'recall-retry' }, 'Again, from a review area above: try it once more.') : '';
      slot.replaceChildren(note, area.face.root);
    } else {
      const total = area.ids.length;
      slot.replaceChildren(el('p', { class: 'recall-all' }, total === 1 ? 'The card of this area is answered.' : `All ${total} cards of this area are answered.`));
    }
    const open = area.queue.length + (item ? 1 : 0);
    area.section.querySelector('.recall-count')!.textContent = open ? `${open} to answer` : 'done';
    area.section.setAttribute('aria-label', open ? `Review area: ${open} card${open === 1 ? '' : 's'} to answer. Space shows the answer, 1 to 4 rate.` : 'Review area: every card answered');
    this.renderLater(area);
  }

  private rate(area: Area, rating: Rating): void {
    const face = area.face;
    if (!face?.revealed) return;
    const started = performance.now();
    const id = face.view.id;
    this.post({ type: 'recallRate', cardId: id, rating });
    area.done.set(id, { card: face.view, rating });
    area.lastRated = id;
    if (this.lastArea && this.lastArea !== area) this.lastArea.section.querySelector('.recall-undo')?.remove();
    this.lastArea = area;
    if (rating === 1) {
      // a forgotten card is tried again further down the page
      const lines = this.areas.map((a) => a.line);
      const target = this.areas.find((a) => a.line === retryArea(lines, area.line))!;
      target.queue.push({ card: face.view, retry: true });
      if (target !== area && !target.face) this.showNext(target);
    }
    const hadFocus = area.section.contains(document.activeElement);
    this.showNext(area);
    this.status(area, `${NAMES[rating]}: saving…`, false);
    this.rateToNext.push(performance.now() - started);
    if (hadFocus) (area.face as CardFace | undefined)?.focus() ?? area.section.focus({ preventScroll: true });
    this.onChange();
  }

  private undo(area: Area): void {
    if (area === this.lastArea && area.lastRated) this.post({ type: 'recallUndo', cardId: area.lastRated });
  }

  private status(area: Area, text: string, canUndo: boolean): void {
    const p = area.section.querySelector('.recall-status')!;
    p.replaceChildren(text);
    if (canUndo) p.append(' ', el('button', { type: 'button', class: 'recall-undo' }, 'Undo', el('kbd', {}, 'U')));
  }

  /** Remembered cards, collapsed to their question and when they come back. */
  private renderLater(area: Area): void {
    const list = area.section.querySelector('.recall-later')!;
    list.replaceChildren(...[...area.done.values()].map((d) => {
      const q = el('span', { class: 'later-question' });
      q.innerHTML = d.card.frontHtml; // host-rendered markdown, raw HTML disabled
      return el('li', { 'data-card': d.card.id }, q, el('span', { class: 'later-next' }, !d.next ? 'saving…' : d.rating === 1 ? `to relearn, back ${d.next}` : `remembered, next ${d.next}`));
    }));
  }

  private onKey(area: Area, e: KeyboardEvent): void {
    const input = e.target as HTMLInputElement;
    if (input.tagName === 'INPUT' && e.key === 'Escape') {
      input.blur();
      area.section.focus({ preventScroll: true });
      e.preventDefault();
      e.stopPropagation();
      return;
    }
    if (area.face?.handleKey(e)) {
      e.preventDefault();
      e.stopPropagation();
      return;
    }
    if (e.key === 'u' && !e.ctrlKey && !e.metaKey && !e.altKey && input.tagName !== 'INPUT' && area.lastRated) {
      e.preventDefault();
      e.stopPropagation();
      this.undo(area);
    }
  }
}
