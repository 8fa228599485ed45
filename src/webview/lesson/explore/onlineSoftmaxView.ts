import { fullSoftmax, onlineSoftmax, type OnlineStep } from '../../../core/explore/onlineSoftmax';
import type { OnlineSoftmaxWidget } from '../../../core/explore/widgets';
import { el, measureUpdate, num, stepper, uid } from './dom';

/** One row of scores, block by block: running max, running sum, rescale factor, partial output; at the end, the full softmax. */
export function onlineSoftmaxView(w: OnlineSoftmaxWidget): HTMLElement {
  let block = w.block;
  let steps: OnlineStep[] = onlineSoftmax(w.scores, block, w.values);
  const full = fullSoftmax(w.scores, w.values);
  const root = el('section', { class: 'explore explore-online', 'aria-label': w.title ?? 'Online softmax' });
  if (w.title) root.append(el('div', { class: 'explore-title' }, w.title));
  const id = uid('block');
  const blockInput = el('input', { type: 'number', id, min: '1', max: String(w.scores.length), step: '1', value: String(block), class: 'explore-number' });
  const scoreRow = el('ol', { class: 'online-scores', 'aria-label': 'Scores by key' });
  const state = el('dl', { class: 'explore-outputs online-state' });
  const live = el('div', { class: 'explore-outputs-region', 'aria-live': 'polite', 'aria-label': 'Running state' }, state);
  const compare = el('p', { class: 'explore-summary online-compare' });
  const dims = w.values ? w.values[0].length : w.scores.length;
  const vec = (v: number[]) => (dims === 1 ? num(v[0], 4) : `[${v.map((x) => num(x, 3)).join(', ')}]`);
  const control = stepper({ label: 'Block', count: () => steps.length, onStep: (i) => draw(i) });
  blockInput.addEventListener('input', () => {
    const b = Math.round(Number(blockInput.value));
    if (!Number.isFinite(b) || b < 1 || b > w.scores.length) return;
    block = b;
    steps = onlineSoftmax(w.scores, block, w.values);
    control.go(0);
  });
  root.append(el('div', { class: 'explore-inputs' }, el('div', { class: 'explore-input' }, el('label', { for: id }, 'Block size (keys)'), blockInput)), scoreRow, control.root, live, compare);

  function draw(i: number): void {
    const start = performance.now();
    const st = steps[i];
    scoreRow.replaceChildren(...w.scores.map((s, k) => el('li', {
      class: k >= st.start && k < st.end ? 'current' : k < st.end ? 'seen' : 'ahead',
      title: `key ${k}`,
    }, el('span', { class: 'key' }, `k${k}`), el('span', { class: 'score' }, num(s, 3)))));
    const rows: [string, string][] = [
      ['Block', `keys ${st.start}–${st.end - 1}, block max ${num(st.blockMax, 4)}`],
      ['Running max m', st.prevMax === -Infinity ? `${num(st.max, 4)} (first block)` : `max(${num(st.prevMax, 4)}, ${num(st.blockMax, 4)}) = ${num(st.max, 4)}`],
      ['Rescale exp(m_old − m_new)', st.prevMax === -Infinity ? '— (nothing to rescale yet)' : num(st.rescale, 4)],
      ['Running sum ℓ', st.prevMax === -Infinity ? num(st.sum, 4) : `${num(st.prevSum, 4)} × ${num(st.rescale, 4)} + ${num(st.sum - st.prevSum * st.rescale, 4)} (this block) = ${num(st.sum, 4)}`],
      [w.values ? 'Partial output o / ℓ' : 'Softmax of keys so far', vec(w.values ? st.out : st.weights)],
    ];
    state.replaceChildren(...rows.map(([k, v]) => el('div', { class: 'explore-output' }, el('dt', {}, k), el('dd', {}, v))));
    const last = i === steps.length - 1;
    const target = w.values ? full.out : full.probs;
    const got = w.values ? st.out : st.weights;
    const diff = last ? Math.max(...target.map((t, d) => Math.abs(t - got[d]))) : NaN;
    compare.textContent = last
      ? `Full softmax in one pass: ${vec(target)}. The online result equals it (largest difference ${diff.toExponential(1)}).`
      : `Full softmax in one pass: ${vec(target)}. ${steps.length - 1 - i} block${steps.length - 1 - i === 1 ? '' : 's'} to go.`;
    compare.classList.toggle('done', last);
    measureUpdate(start, root);
  }
  control.go(0);
  return root;
}
