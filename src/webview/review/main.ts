import type { CardView, ProgressView, ReviewFromWebview, ReviewToWebview, RevealView, SummaryView } from '../../shared/protocol/review';
import { createApi, el, forwardErrors } from '../common/vscodeApi';

const api = createApi<ReviewFromWebview, never>();
const app = document.getElementById('app')!;
let card: CardView | undefined;
let revealed = false;
let order: string[] = [];
/** The rating Space/Enter gives after the reveal: Again when the automatic check failed, else Good. */
let suggested: 1 | 3 = 3;
/** Shown once with the next card (e.g. after Skip), so an action that moves on still says what it did. */
let notice = '';
let shown = 0;

forwardErrors((message) => api.post({ type: 'reportError', message }));

window.addEventListener('message', (event: MessageEvent<ReviewToWebview>) => {
  const msg = event.data;
  switch (msg?.type) {
    case 'didShowCard':
      showCard(msg.card, msg.progress);
      break;
    case 'didReveal':
      if (card && msg.cardId === card.id) showReveal(msg.reveal);
      break;
    case 'didFinish':
      showSummary(msg.summary);
      break;
    case 'didFail':
      app.append(el('div', { class: 'error', role: 'alert' }, msg.message));
      break;
  }
});

function showCard(c: CardView, p: ProgressView): void {
  card = c;
  revealed = false;
  order = c.steps?.map((s) => s.key) ?? [];
  const source = c.lessonTitle && c.lessonTitle !== c.deckTitle ? `${c.deckTitle} · ${c.lessonTitle}` : c.deckTitle;
  const header = el('header', { class: 'review-header' },
    el('span', { class: 'scope' }, p.scope === source ? '' : p.scope),
    el('span', { class: 'progress', id: 'progress', title: 'Distinct cards of this session' }, `${p.position} of ${p.total}`),
    p.returning || p.repeat
      ? el('span', { class: 'returning', id: 'returning' }, [p.repeat ? 'again, after a learning step' : '', p.returning ? `${p.returning} coming back` : ''].filter(Boolean).join(' · '))
      : '',
    el('span', { class: 'deck' }, source),
    el('span', { class: `chip chip-${c.category}` }, c.category),
  );
  const front = el('section', { class: `card-face front type-${c.type}`, id: 'front', 'data-seq': String(++shown) });
  front.innerHTML = c.frontHtml; // rendered host-side by markdown-it, raw HTML disabled
  const body = el('div', { class: 'card' }, front);
  if (c.type === 'numeric') {
    body.append(el('label', { class: 'answer-row' }, 'Your answer ',
      el('input', { id: 'answer', type: 'text', inputmode: 'decimal', autocomplete: 'off', spellcheck: 'false', 'aria-label': 'Your answer', 'aria-describedby': 'answer-hint' }),
      c.unit ? el('span', { class: 'unit' }, c.unit) : ''),
      el('p', { class: 'hint', id: 'answer-hint' }, 'Enter checks your answer. Esc leaves the box, then U, S and E work; Ctrl+Z in the empty box undoes the last rating.'));
  }
  if (c.steps) {
    body.append(el('p', { class: 'hint', id: 'steps-hint' }, 'Put the steps in order: focus a step (Tab) and move it with Alt+↑ / Alt+↓, or use its arrows.'));
    body.append(traceList(c));
  }
  body.append(el('div', { class: 'actions', id: 'actions' }, el('button', { id: 'reveal', type: 'button', class: 'primary' }, 'Show answer', el('kbd', {}, c.type === 'numeric' ? 'Enter' : 'Space'))));
  body.append(el('section', { class: 'card-face back', id: 'back', hidden: '' }));
  const footer = el('footer', { class: 'review-footer' },
    el('button', { id: 'undo', type: 'button', ...(p.canUndo ? {} : { disabled: '' }) }, 'Undo ', el('kbd', {}, 'U')),
    el('button', { id: 'skip', type: 'button' }, 'Skip until tomorrow ', el('kbd', {}, 'S')),
    el('button', { id: 'edit', type: 'button' }, 'Edit card ', el('kbd', {}, 'E')),
    el('button', { id: 'end', type: 'button' }, 'End ', el('kbd', {}, 'Esc')),
  );
  const status = el('p', { class: 'notice', id: 'notice', role: 'status', 'aria-live': 'polite' }, notice);
  notice = '';
  app.replaceChildren(header, status, body, footer);
  const input = document.getElementById('answer') as HTMLInputElement | null;
  (input ?? document.getElementById('reveal'))?.focus();
}

function traceList(c: CardView): HTMLElement {
  const list = el('ol', { id: 'steps', class: 'steps', 'aria-describedby': 'steps-hint' });
  const byKey = new Map(c.steps!.map((s) => [s.key, s]));
  const render = () => {
    list.replaceChildren(...order.map((key, i) => {
      const step = el('span', { class: 'step-text' });
      step.innerHTML = byKey.get(key)!.html;
      return el('li', { tabindex: '0', 'data-key': key },
        step,
        el('span', { class: 'move' },
          el('button', { type: 'button', 'data-move': 'up', 'aria-label': 'Move up', ...(i === 0 ? { disabled: '' } : {}) }, '↑'),
          el('button', { type: 'button', 'data-move': 'down', 'aria-label': 'Move down', ...(i === order.length - 1 ? { disabled: '' } : {}) }, '↓')));
    }));
  };
  const move = (key: string, delta: number) => {
    const i = order.indexOf(key);
    const j = i + delta;
    if (revealed || i < 0 || j < 0 || j >= order.length) return;
    [order[i], order[j]] = [order[j], order[i]];
    render();
    (list.querySelector(`li[data-key="${key}"]`) as HTMLElement | null)?.focus();
  };
  list.addEventListener('click', (e) => {
    const b = (e.target as HTMLElement).closest('button[data-move]') as HTMLButtonElement | null;
    const li = b?.closest('li');
    if (b && li) move(li.dataset.key!, b.dataset.move === 'up' ? -1 : 1);
  });
  list.addEventListener('keydown', (e) => {
    const li = (e.target as HTMLElement).closest('li');
    if (!li || !e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
    e.preventDefault();
    e.stopPropagation();
    move(li.dataset.key!, e.key === 'ArrowUp' ? -1 : 1);
  });
  render();
  return list;
}

function requestReveal(): void {
  if (!card || revealed) return;
  const input = document.getElementById('answer') as HTMLInputElement | null;
  api.post({ type: 'reveal', cardId: card.id, answer: input?.value, order: card.steps ? order : undefined });
}

function showReveal(r: RevealView): void {
  revealed = true;
  const back = document.getElementById('back')!;
  back.innerHTML = r.backHtml;
  back.hidden = false;
  const input = document.getElementById('answer') as HTMLInputElement | null;
  if (input) input.disabled = true;
  if (r.numeric) {
    back.prepend(el('p', { class: r.numeric.ok ? 'verdict ok' : 'verdict wrong', role: 'status' },
      r.numeric.ok ? `✓ Correct: ${r.numeric.expected}` : `✗ ${r.numeric.typed ? `You answered ${r.numeric.typed}; ` : ''}the answer is ${r.numeric.expected}`));
  }
  if (r.trace) {
    const steps = document.querySelectorAll<HTMLElement>('#steps li');
    steps.forEach((li, i) => li.classList.add(r.trace!.correct[i] ? 'ok' : 'wrong'));
    const right = r.trace.correct.filter(Boolean).length;
    const ref = el('ol', { class: 'reference' }, ...r.trace.referenceHtml.map((h) => {
      const li = el('li');
      li.innerHTML = h;
      return li;
    }));
    back.prepend(el('p', { class: right === r.trace.correct.length ? 'verdict ok' : 'verdict wrong', role: 'status' }, `${right} of ${r.trace.correct.length} steps in the right place. The reference chain:`), ref);
  }
  // a failed automatic check suggests Again: Space must not schedule a wrong answer as Good
  const failed = (r.numeric && !r.numeric.ok) || (r.trace && !r.trace.correct.every(Boolean));
  suggested = failed ? 1 : 3;
  const names = { 1: 'Again', 2: 'Hard', 3: 'Good', 4: 'Easy' } as const;
  const bar = el('div', { class: 'ratings', role: 'group', 'aria-label': 'Rate your recall' },
    ...([1, 2, 3, 4] as const).map((n) => el('button', { type: 'button', 'data-rating': String(n), class: `rating rating-${n}${n === suggested ? ' suggested' : ''}` },
      el('span', { class: 'interval' }, r.intervals[n]), el('span', { class: 'name' }, names[n]), el('kbd', {}, String(n)))));
  document.getElementById('actions')!.replaceChildren(bar);
  (bar.querySelector(`[data-rating="${suggested}"]`) as HTMLElement).focus();
}

function rate(n: 1 | 2 | 3 | 4): void {
  if (card && revealed) api.post({ type: 'rate', cardId: card.id, rating: n });
}

function showSummary(s: SummaryView): void {
  card = undefined;
  const minutes = Math.round(s.durationMs / 60000);
  const rows = s.emptyReason
    ? [el('p', {}, s.emptyReason)]
    : [
        el('p', {}, `Reviewed ${s.reviewed} card${s.reviewed === 1 ? '' : 's'} in ${minutes < 1 ? 'under a minute' : `${minutes} min`}.`),
        el('p', {}, `Again: ${s.again} (${Math.round(s.againRate * 100)}%)${s.skipped ? ` · skipped until tomorrow: ${s.skipped}` : ''}`),
        s.endedEarly && s.left ? el('p', {}, `Ended early: ${s.left} card${s.left === 1 ? '' : 's'} left for the next session.`) : '',
      ];
  const title = s.emptyReason ? 'Nothing to review' : s.endedEarly ? 'Session ended' : 'Session complete';
  app.replaceChildren(el('section', { class: 'summary', id: 'summary', role: 'status' }, el('h1', {}, title), ...rows,
    el('div', { class: 'actions' }, el('button', { id: 'close', type: 'button', class: 'primary' }, 'Close ', el('kbd', {}, 'Esc')))));
  document.getElementById('close')?.focus();
}

document.addEventListener('click', (e) => {
  const t = e.target as HTMLElement;
  const rating = t.closest('[data-rating]') as HTMLElement | null;
  if (rating) return rate(Number(rating.dataset.rating) as 1 | 2 | 3 | 4);
  const id = t.closest('button')?.id;
  if (id === 'reveal') requestReveal();
  else if (id === 'undo') api.post({ type: 'undo' });
  else if (id === 'skip' && card) skip();
  else if (id === 'edit' && card) api.post({ type: 'openSource', cardId: card.id });
  else if (id === 'end') api.post({ type: 'end' });
  else if (id === 'close') api.post({ type: 'close' });
  const a = t.closest('a');
  if (a) {
    e.preventDefault(); // links inside cards do not navigate the review webview
    if (a.dataset.codeRef) api.post({ type: 'openCodeRef', url: a.dataset.codeRef });
  }
});

function skip(): void {
  if (!card) return;
  notice = 'Skipped: that card comes back tomorrow.';
  api.post({ type: 'skip', cardId: card.id });
}

document.addEventListener('keydown', (e) => {
  const input = e.target as HTMLInputElement;
  const typing = input.tagName === 'INPUT' && !input.disabled;
  if (typing) {
    if (e.key === 'Enter') {
      e.preventDefault();
      requestReveal();
    } else if (e.key === 'Escape') {
      // first Esc leaves the answer box so the letter shortcuts work; the next one ends the session
      e.preventDefault();
      input.blur();
      document.getElementById('front')?.setAttribute('tabindex', '-1');
      document.getElementById('front')?.focus();
    } else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z' && input.value === '') {
      e.preventDefault();
      api.post({ type: 'undo' });
    }
    return;
  }
  if (e.key === 'Escape') {
    e.preventDefault();
    api.post({ type: card ? 'end' : 'close' });
    return;
  }
  if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z') {
    e.preventDefault();
    api.post({ type: 'undo' });
    return;
  }
  if (e.ctrlKey || e.metaKey || e.altKey) return;
  if (!revealed && (e.key === ' ' || e.key === 'Enter')) {
    if ((e.target as HTMLElement).closest('li[data-key]') && e.key === 'Enter') return;
    e.preventDefault();
    requestReveal();
  } else if (revealed && ['1', '2', '3', '4'].includes(e.key)) {
    e.preventDefault();
    rate(Number(e.key) as 1 | 2 | 3 | 4);
  } else if (revealed && (e.key === ' ' || e.key === 'Enter') && !(e.target as HTMLElement).closest('button')) {
    e.preventDefault();
    rate(suggested);
  } else if (e.key === 'u') {
    api.post({ type: 'undo' });
  } else if (e.key === 's' && card) {
    skip();
  } else if (e.key === 'e' && card) {
    api.post({ type: 'openSource', cardId: card.id });
  }
});

api.post({ type: 'ready' });
