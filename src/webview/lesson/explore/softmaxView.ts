import { sample, type Filter, type SamplingSettings } from '../../../core/explore/sampling';
import type { SoftmaxWidget } from '../../../core/explore/widgets';
import { el, measureUpdate, num, slider, uid } from './dom';

const REMOVED: Record<Filter, string> = { 'top-k': 'cut by top-k', 'top-p': 'cut by top-p', 'min-p': 'cut by min-p' };

/** Logits to probabilities under a temperature, with top-k, top-p and min-p survivors and the renormalized distribution. */
export function softmaxView(w: SoftmaxWidget): HTMLElement {
  const logits = [...w.logits];
  const s: SamplingSettings = { ...w.settings };
  const n = logits.length;
  const root = el('section', { class: 'explore explore-softmax', 'aria-label': w.title ?? 'Softmax and sampling' });
  if (w.title) root.append(el('div', { class: 'explore-title' }, w.title));
  const controls = el('div', { class: 'explore-inputs' },
    slider({ label: 'Temperature', min: 0, max: 3, step: 0.05, value: Math.min(3, s.temperature), format: (v) => (v === 0 ? '0 (greedy)' : String(v)), onInput: (v) => { s.temperature = v; update(); } }).root,
    slider({ label: 'top-k', min: 0, max: n, step: 1, value: s.topK, format: (v) => (v === 0 ? 'off' : String(v)), onInput: (v) => { s.topK = v; update(); } }).root,
    slider({ label: 'top-p', min: 0.05, max: 1, step: 0.05, value: s.topP, format: (v) => (v >= 1 ? 'off' : String(v)), onInput: (v) => { s.topP = v; update(); } }).root,
    slider({ label: 'min-p', min: 0, max: 1, step: 0.01, value: s.minP, format: (v) => (v === 0 ? 'off' : String(v)), onInput: (v) => { s.minP = v; update(); } }).root,
  );
  const tbody = el('tbody');
  const table = el('table', { class: 'explore-table softmax-table' },
    el('caption', { class: 'sr-only' }, 'Tokens, their logits, probabilities after the temperature, and after the filters'),
    el('thead', {}, el('tr', {}, ...['Token', 'Logit', 'p (temperature)', 'Filter', 'p (renormalized)'].map((h) => el('th', { scope: 'col' }, h)))),
    tbody);
  const summary = el('p', { class: 'explore-summary', 'aria-live': 'polite' });
  const cells: { row: HTMLTableRowElement; p: HTMLElement; pBar: HTMLElement; status: HTMLElement; f: HTMLElement; fBar: HTMLElement }[] = [];
  logits.forEach((logit, i) => {
    const id = uid('logit');
    const logitCell = w.editable
      ? el('input', { type: 'number', id, step: '0.1', value: String(logit), class: 'explore-number', 'aria-label': `Logit of ${w.tokens[i]}` })
      : el('span', {}, num(logit));
    if (logitCell instanceof HTMLInputElement) {
      logitCell.addEventListener('input', () => {
        const v = Number(logitCell.value);
        if (logitCell.value.trim() !== '' && Number.isFinite(v) && Math.abs(v) <= 1e4) { logits[i] = v; update(); }
      });
    }
    const p = el('span', { class: 'bar-value' });
    const pBar = el('span', { class: 'bar' });
    const f = el('span', { class: 'bar-value' });
    const fBar = el('span', { class: 'bar final' });
    const status = el('span', {});
    const row = el('tr', {}, el('th', { scope: 'row' }, w.tokens[i]), el('td', {}, logitCell), el('td', { class: 'bar-cell' }, pBar, p), el('td', {}, status), el('td', { class: 'bar-cell' }, fBar, f));
    cells.push({ row, p, pBar, status, f, fBar });
    tbody.append(row);
  });
  root.append(controls, el('div', { class: 'mask-scroll' }, table), summary);

  function update(start = performance.now()): void {
    const r = sample(logits, s);
    r.probs.forEach((p, i) => {
      const c = cells[i];
      c.p.textContent = num(p, 3);
      c.pBar.style.setProperty('--p', String(p));
      const removed = r.removedBy[i];
      c.status.textContent = removed ? REMOVED[removed] : 'kept';
      c.row.classList.toggle('removed', !!removed);
      c.f.textContent = removed ? '0' : num(r.final[i], 3);
      c.fBar.style.setProperty('--p', String(r.final[i]));
    });
    const kept = r.removedBy.filter((x) => x === null).length;
    const best = r.final.indexOf(Math.max(...r.final));
    summary.textContent = `${kept} of ${n} tokens survive; the most likely is "${w.tokens[best]}" at ${num(r.final[best], 3)}.`;
    measureUpdate(start, root);
  }
  update();
  return root;
}
