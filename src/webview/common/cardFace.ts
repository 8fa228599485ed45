import type { CardView, RevealView } from '../../shared/protocol/review';
import { el } from './vscodeApi';

export type Rating = 1 | 2 | 3 | 4;

export interface CardFaceHandlers {
  /** The learner asked for the answer (with the typed answer of a numeric card, the order of a trace card). */
  reveal(answer: string | undefined, order: string[] | undefined): void;
  rate(rating: Rating): void;
}

const NAMES = { 1: 'Again', 2: 'Hard', 3: 'Good', 4: 'Easy' } as const;

/**
 * One card, question first: the typed answer of a numeric card, the steps of a trace card to put in
 * order, the reveal, the verdict and the four ratings. The review panel and the lesson's review areas
 * both show cards with it. `idPrefix` keeps element ids unique when a page shows several cards
 * (the review panel uses none: its ids are `front`, `back`, `answer`...).
 */
export class CardFace {
  readonly root: HTMLElement;
  private revealedFlag = false;
  private order: string[];
  /** The rating Space/Enter gives after the reveal: Again when the automatic check failed, else Good. */
  private suggested: 1 | 3 = 3;
  private readonly front: HTMLElement;
  private readonly back: HTMLElement;
  private readonly actions: HTMLElement;
  private readonly input?: HTMLInputElement;
  private readonly steps?: HTMLOListElement;

  constructor(readonly view: CardView, private readonly handlers: CardFaceHandlers, private readonly idPrefix = '', seq?: number) {
    const id = (name: string) => `${idPrefix}${name}`;
    this.order = view.steps?.map((s) => s.key) ?? [];
    this.front = el('section', { class: `card-face front type-${view.type}`, id: id('front'), ...(seq !== undefined ? { 'data-seq': String(seq) } : {}) });
    this.front.innerHTML = view.frontHtml; // rendered host-side by markdown-it, raw HTML disabled
    this.root = el('div', { class: 'card', 'data-card': view.id }, this.front);
    if (view.type === 'numeric') {
      this.input = el('input', { id: id('answer'), class: 'answer-input', type: 'text', inputmode: 'decimal', autocomplete: 'off', spellcheck: 'false', 'aria-label': 'Your answer', 'aria-describedby': id('answer-hint') });
      this.root.append(el('label', { class: 'answer-row' }, 'Your answer ', this.input, view.unit ? el('span', { class: 'unit' }, view.unit) : ''),
        el('p', { class: 'hint', id: id('answer-hint') }, 'Enter checks your answer. Esc leaves the box.'));
    }
    if (view.steps) {
      this.root.append(el('p', { class: 'hint', id: id('steps-hint') }, 'Put the steps in order: focus a step (Tab) and move it with Alt+↑ / Alt+↓, or use its arrows.'));
      this.steps = el('ol', { id: id('steps'), class: 'steps', 'aria-describedby': id('steps-hint') });
      this.root.append(this.steps);
      this.renderSteps();
    }
    this.actions = el('div', { class: 'actions', id: id('actions') },
      el('button', { id: id('reveal'), type: 'button', class: 'primary reveal' }, 'Show answer', el('kbd', {}, view.type === 'numeric' ? 'Enter' : 'Space')));
    this.back = el('section', { class: 'card-face back', id: id('back'), hidden: '' });
    this.root.append(this.actions, this.back);
    this.root.addEventListener('click', (e) => this.onClick(e));
  }

  get revealed(): boolean {
    return this.revealedFlag;
  }

  /** Focus where the learner acts first: the answer box, or Show answer; after the reveal, the suggested rating. */
  focus(): void {
    const target = this.revealedFlag ? this.actions.querySelector<HTMLElement>(`[data-rating="${this.suggested}"]`) : this.input ?? this.actions.querySelector<HTMLElement>('button');
    target?.focus({ preventScroll: true });
  }

  requestReveal(): void {
    if (this.revealedFlag) return;
    this.handlers.reveal(this.input?.value, this.view.steps ? [...this.order] : undefined);
  }

  showReveal(r: RevealView): void {
    this.revealedFlag = true;
    this.back.innerHTML = r.backHtml;
    this.back.hidden = false;
    if (this.input) this.input.disabled = true;
    if (r.numeric) {
      this.back.prepend(el('p', { class: r.numeric.ok ? 'verdict ok' : 'verdict wrong', role: 'status' },
        r.numeric.ok ? `✓ Correct: ${r.numeric.expected}` : `✗ ${r.numeric.typed ? `You answered ${r.numeric.typed}; ` : ''}the answer is ${r.numeric.expected}`));
    }
    if (r.trace) {
      this.steps?.querySelectorAll('li').forEach((li, i) => li.classList.add(r.trace!.correct[i] ? 'ok' : 'wrong'));
      const right = r.trace.correct.filter(Boolean).length;
      const ref = el('ol', { class: 'reference' }, ...r.trace.referenceHtml.map((h) => {
        const li = el('li');
        li.innerHTML = h;
        return li;
      }));
      this.back.prepend(el('p', { class: right === r.trace.correct.length ? 'verdict ok' : 'verdict wrong', role: 'status' }, `${right} of ${r.trace.correct.length} steps in the right place. The reference chain:`), ref);
    }
    // a failed automatic check suggests Again: Space must not schedule a wrong answer as Good
    const failed = (r.numeric && !r.numeric.ok) || (r.trace && !r.trace.correct.every(Boolean));
    this.suggested = failed ? 1 : 3;
    const bar = el('div', { class: 'ratings', role: 'group', 'aria-label': 'Rate your recall' },
      ...([1, 2, 3, 4] as const).map((n) => el('button', { type: 'button', 'data-rating': String(n), class: `rating rating-${n}${n === this.suggested ? ' suggested' : ''}` },
        el('span', { class: 'interval' }, r.intervals[n]), el('span', { class: 'name' }, NAMES[n]), el('kbd', {}, String(n)))));
    this.actions.replaceChildren(bar);
    this.focus();
  }

  rate(n: Rating): void {
    if (this.revealedFlag) this.handlers.rate(n);
  }

  /**
   * The card's own keys: Enter in the answer box checks it; Space or Enter reveals; after the reveal
   * 1-4 rate and Space/Enter give the suggested rating. Returns whether the key was the card's.
   */
  handleKey(e: KeyboardEvent): boolean {
    if (e.ctrlKey || e.metaKey || e.altKey) return false;
    const target = e.target as HTMLElement;
    if (target === this.input && !this.input.disabled) {
      if (e.key !== 'Enter') return false;
      this.requestReveal();
      return true;
    }
    if (!this.revealedFlag && (e.key === ' ' || e.key === 'Enter')) {
      if (e.key === 'Enter' && target.closest('li[data-key], a')) return false;
      this.requestReveal();
      return true;
    }
    if (this.revealedFlag && ['1', '2', '3', '4'].includes(e.key)) {
      this.rate(Number(e.key) as Rating);
      return true;
    }
    if (this.revealedFlag && (e.key === ' ' || e.key === 'Enter') && !target.closest('button, a')) {
      this.rate(this.suggested);
      return true;
    }
    return false;
  }

  private onClick(e: MouseEvent): void {
    const t = e.target as HTMLElement;
    const rating = t.closest<HTMLElement>('[data-rating]');
    if (rating) return this.rate(Number(rating.dataset.rating) as Rating);
    if (t.closest('button.reveal')) return this.requestReveal();
    const move = t.closest<HTMLButtonElement>('button[data-move]');
    const li = move?.closest('li');
    if (move && li) this.move(li.dataset.key!, move.dataset.move === 'up' ? -1 : 1);
  }

  private renderSteps(): void {
    const list = this.steps!;
    const byKey = new Map(this.view.steps!.map((s) => [s.key, s]));
    list.replaceChildren(...this.order.map((key, i) => {
      const step = el('span', { class: 'step-text' });
      step.innerHTML = byKey.get(key)!.html;
      return el('li', { tabindex: '0', 'data-key': key },
        step,
        el('span', { class: 'move' },
          el('button', { type: 'button', 'data-move': 'up', 'aria-label': 'Move up', ...(i === 0 ? { disabled: '' } : {}) }, '↑'),
          el('button', { type: 'button', 'data-move': 'down', 'aria-label': 'Move down', ...(i === this.order.length - 1 ? { disabled: '' } : {}) }, '↓')));
    }));
    if (!list.dataset.keys) {
      list.dataset.keys = 'on';
      list.addEventListener('keydown', (e) => {
        const li = (e.target as HTMLElement).closest('li');
        if (!li || !e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
        e.preventDefault();
        e.stopPropagation();
        this.move(li.dataset.key!, e.key === 'ArrowUp' ? -1 : 1);
      });
    }
  }

  private move(key: string, delta: number): void {
    const i = this.order.indexOf(key);
    const j = i + delta;
    if (this.revealedFlag || i < 0 || j < 0 || j >= this.order.length) return;
    [this.order[i], this.order[j]] = [this.order[j], this.order[i]];
    this.renderSteps();
    this.steps!.querySelector<HTMLElement>(`li[data-key="${key}"]`)?.focus();
  }
}
