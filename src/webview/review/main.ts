import type { CardView, ProgressView, ReviewFromWebview, ReviewToWebview, SummaryView } from '../../shared/protocol/review';
import { CardFace, type Rating } from '../common/cardFace';
import { createApi, el, forwardErrors } from '../common/vscodeApi';

const api = createApi<ReviewFromWebview, never>();
const app = document.getElementById('app')!;
let face: CardFace | undefined;
let progress: ProgressView | undefined;
/** The card the host expects after the current one, sent ahead so a rating shows it without a round trip. */
let upcoming: { card: CardView; repeat: boolean } | undefined;
/** Shown once with the next card (e.g. after Skip), so an action that moves on still says what it did. */
let notice = '';
let shown = 0;
/** Milliseconds from a rating key to the next card in the DOM, for the e2e's measurement. */
const rateToNext: number[] = [];
(window as unknown as { mlLabTimings: { rateToNext: number[] } }).mlLabTimings = { rateToNext };

forwardErrors((message) => api.post({ type: 'reportError', message }));

window.addEventListener('message', (event: MessageEvent<ReviewToWebview>) => {
  const msg = event.data;
  switch (msg?.type) {
    case 'didShowCard':
      upcoming = msg.next;
      // the card a rating already put on screen from `upcoming`: keep what the learner did, update the rest
      if (face && face.view.key === msg.card.key) {
        progress = msg.progress;
        updateHeader();
      } else showCard(msg.card, msg.progress);
      break;
    case 'didReveal':
      if (face && msg.cardId === face.view.id) face.showReveal(msg.reveal);
      break;
    case 'didFinish':
      showSummary(msg.summary);
      break;
    case 'didFail':
      app.append(el('div', { class: 'error', role: 'alert' }, msg.message));
      break;
  }
});

function header(c: CardView, p: ProgressView): HTMLElement {
  const source = c.lessonTitle && c.lessonTitle !== c.deckTitle ? `${c.deckTitle} · ${c.lessonTitle}` : c.deckTitle;
  return el('header', { class: 'review-header', id: 'review-header' },
    el('span', { class: 'scope' }, p.scope === source ? '' : p.scope),
    el('span', { class: 'progress', id: 'progress', title: 'Distinct cards of this session' }, `${p.position} of ${p.total}`),
    p.returning || p.repeat
      ? el('span', { class: 'returning', id: 'returning' }, [p.repeat ? 'again, after a learning step' : '', p.returning ? `${p.returning} coming back` : ''].filter(Boolean).join(' · '))
      : '',
    el('span', { class: 'deck' }, source),
    el('span', { class: `chip chip-${c.category}` }, c.category),
  );
}

function updateHeader(): void {
  if (face && progress) document.getElementById('review-header')?.replaceWith(header(face.view, progress));
  const undo = document.getElementById('undo') as HTMLButtonElement | null;
  if (undo) undo.disabled = !progress?.canUndo;
}

function showCard(c: CardView, p: ProgressView): void {
  progress = p;
  face = new CardFace(c, {
    reveal: (answer, order) => api.post({ type: 'reveal', cardId: c.id, answer, order }),
    rate,
  }, '', ++shown);
  const hint = face.root.querySelector('#answer-hint');
  if (hint) hint.textContent = 'Enter checks your answer. Esc leaves the box, then U, S and E work; Ctrl+Z in the empty box undoes the last rating.';
  const footer = el('footer', { class: 'review-footer' },
    el('button', { id: 'undo', type: 'button', ...(p.canUndo ? {} : { disabled: '' }) }, 'Undo ', el('kbd', {}, 'U')),
    el('button', { id: 'skip', type: 'button' }, 'Skip until tomorrow ', el('kbd', {}, 'S')),
    el('button', { id: 'edit', type: 'button' }, 'Edit card ', el('kbd', {}, 'E')),
    el('button', { id: 'end', type: 'button' }, 'End ', el('kbd', {}, 'Esc')),
  );
  const status = el('p', { class: 'notice', id: 'notice', role: 'status', 'aria-live': 'polite' }, notice);
  notice = '';
  app.replaceChildren(header(c, p), status, face.root, footer);
  face.focus();
}

/**
 * Rate the current card. The next card the host announced is shown at once; the host's own answer
 * follows and corrects it when the session chose another card (a learning step fell due).
 */
function rate(n: Rating): void {
  if (!face?.revealed) return;
  const started = performance.now();
  api.post({ type: 'rate', cardId: face.view.id, rating: n });
  const next = upcoming;
  upcoming = undefined;
  if (next && progress) {
    showCard(next.card, { ...progress, position: progress.position + (next.repeat ? 0 : 1), repeat: next.repeat, canUndo: true });
    rateToNext.push(performance.now() - started);
  }
}

function showSummary(s: SummaryView): void {
  face = undefined;
  upcoming = undefined;
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
  const id = t.closest('button')?.id;
  if (id === 'undo') undo();
  else if (id === 'skip' && face) skip();
  else if (id === 'edit' && face) api.post({ type: 'openSource', cardId: face.view.id });
  else if (id === 'end') api.post({ type: 'end' });
  else if (id === 'close') api.post({ type: 'close' });
  const a = t.closest('a');
  if (a) {
    e.preventDefault(); // links inside cards do not navigate the review webview
    if (a.dataset.codeRef) api.post({ type: 'openCodeRef', url: a.dataset.codeRef });
  }
});

function skip(): void {
  if (!face) return;
  notice = 'Skipped: that card comes back tomorrow.';
  upcoming = undefined;
  api.post({ type: 'skip', cardId: face.view.id });
}

document.addEventListener('keydown', (e) => {
  const input = e.target as HTMLInputElement;
  const typing = input.tagName === 'INPUT' && !input.disabled;
  if (typing) {
    if (e.key === 'Escape') {
      // first Esc leaves the answer box so the letter shortcuts work; the next one ends the session
      e.preventDefault();
      input.blur();
      document.getElementById('front')?.setAttribute('tabindex', '-1');
      document.getElementById('front')?.focus();
    } else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z' && input.value === '') {
      e.preventDefault();
      undo();
    } else if (face?.handleKey(e)) e.preventDefault();
    return;
  }
  if (e.key === 'Escape') {
    e.preventDefault();
    api.post({ type: face ? 'end' : 'close' });
    return;
  }
  if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z') {
    e.preventDefault();
    undo();
    return;
  }
  if (e.ctrlKey || e.metaKey || e.altKey) return;
  if (face?.handleKey(e)) {
    e.preventDefault();
  } else if (e.key === 'u') {
    undo();
  } else if (e.key === 's' && face) {
    skip();
  } else if (e.key === 'e' && face) {
    api.post({ type: 'openSource', cardId: face.view.id });
  }
});

function undo(): void {
  upcoming = undefined;
  api.post({ type: 'undo' });
}

api.post({ type: 'ready' });
