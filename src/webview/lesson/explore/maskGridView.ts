import { buildMask, maskedSoftmax, MASK_KINDS, MAX_MASK_LEN, type MaskKind, type MaskSpec } from '../../../core/explore/maskGrid';
import { splitEvenly, type MaskGridWidget } from '../../../core/explore/widgets';
import { el, measureUpdate, num, uid } from './dom';

const KIND_LABELS: Record<MaskKind, string> = {
  causal: 'Causal', full: 'Full (no mask)', padding: 'Padding', 'sliding-window': 'Sliding window', packed: 'Packed sequences',
};

/** The query x key grid of a mask, with controls for the mask and its sizes, and weights when scores are given. */
export function maskGridView(w: MaskGridWidget): HTMLElement {
  const spec: MaskSpec = { ...w.mask, lengths: w.mask.lengths ? [...w.mask.lengths] : undefined };
  const maxLen = w.scores ? w.scores.length : MAX_MASK_LEN;
  const root = el('section', { class: 'explore explore-mask', 'aria-label': w.title ?? 'Attention mask' });
  if (w.title) root.append(el('div', { class: 'explore-title' }, w.title));
  const controls = el('div', { class: 'explore-inputs' });
  const table = el('table', { class: 'mask-grid' });
  const summary = el('p', { class: 'explore-summary', 'aria-live': 'polite' });
  const fields = new Map<string, { row: HTMLElement; sync: () => void }>();

  const numberField = (key: string, label: string, min: number, max: () => number, get: () => number, set: (v: number) => void) => {
    const id = uid('mask');
    const input = el('input', { type: 'number', id, min: String(min), step: '1', class: 'explore-number' });
    input.addEventListener('input', () => {
      const t = performance.now();
      const v = Math.round(Number(input.value));
      if (input.value.trim() !== '' && Number.isFinite(v)) set(Math.max(min, Math.min(max(), v)));
      draw(t);
    });
    const row = el('div', { class: 'explore-input' }, el('label', { for: id }, label), input);
    fields.set(key, { row, sync: () => { input.max = String(max()); input.value = String(get()); } });
    controls.append(row);
  };

  if (w.adjustable) {
    const id = uid('mask-kind');
    const select = el('select', { id });
    for (const k of MASK_KINDS) select.append(el('option', { value: k }, KIND_LABELS[k]));
    select.value = spec.kind;
    select.addEventListener('change', () => {
      const t = performance.now();
      spec.kind = select.value as MaskKind;
      spec.window ??= Math.max(1, Math.ceil(spec.seqLen / 2));
      spec.valid ??= Math.max(1, spec.seqLen - 2);
      spec.lengths ??= splitEvenly(spec.seqLen);
      draw(t);
    });
    controls.append(el('div', { class: 'explore-input' }, el('label', { for: id }, 'Mask'), select));
    numberField('seq_len', 'seq_len', 1, () => maxLen, () => spec.seqLen, (v) => {
      spec.seqLen = v;
      spec.window = Math.min(spec.window ?? v, v);
      spec.valid = Math.min(spec.valid ?? v, v);
      spec.lengths = fitLengths(spec.lengths ?? [v], v);
    });
    numberField('window', 'Window', 1, () => spec.seqLen, () => spec.window ?? spec.seqLen, (v) => { spec.window = v; });
    numberField('valid', 'Real tokens', 0, () => spec.seqLen, () => spec.valid ?? spec.seqLen, (v) => { spec.valid = v; });
    const sideId = uid('mask-side');
    const side = el('select', { id: sideId }, el('option', { value: 'right' }, 'right'), el('option', { value: 'left' }, 'left'));
    side.addEventListener('change', () => { const t = performance.now(); spec.padSide = side.value as 'left' | 'right'; draw(t); });
    const sideRow = el('div', { class: 'explore-input' }, el('label', { for: sideId }, 'Padding side'), side);
    fields.set('pad_side', { row: sideRow, sync: () => { side.value = spec.padSide ?? 'right'; } });
    controls.append(sideRow);
    const lenId = uid('mask-len');
    const lengths = el('input', { type: 'text', id: lenId, class: 'explore-text', inputmode: 'numeric', 'aria-describedby': `${lenId}-hint` });
    lengths.addEventListener('change', () => {
      const t = performance.now();
      const parts = lengths.value.split(/[\s,]+/).filter(Boolean).map(Number);
      if (parts.length && parts.every((p) => Number.isInteger(p) && p >= 1)) {
        const total = Math.min(maxLen, parts.reduce((a, b) => a + b, 0));
        spec.seqLen = total;
        spec.lengths = fitLengths(parts, total);
      }
      draw(t);
    });
    const lenRow = el('div', { class: 'explore-input' }, el('label', { for: lenId }, 'Sequence lengths'), lengths, el('span', { id: `${lenId}-hint`, class: 'explore-unit' }, 'comma-separated'));
    fields.set('lengths', { row: lenRow, sync: () => { lengths.value = (spec.lengths ?? []).join(', '); } });
    controls.append(lenRow);
    root.append(controls);
  }
  root.append(el('div', { class: 'mask-scroll' }, table), summary);

  function draw(start: number): void {
    const visible: Record<string, boolean> = {
      seq_len: spec.kind !== 'packed', window: spec.kind === 'sliding-window', valid: spec.kind === 'padding', pad_side: spec.kind === 'padding', lengths: spec.kind === 'packed',
    };
    for (const [k, f] of fields) {
      f.row.hidden = !visible[k];
      f.sync();
    }
    const m = buildMask(spec);
    const n = m.allowed.length;
    const weights = w.scores ? maskedSoftmax(w.scores, m.allowed) : undefined;
    const label = (i: number) => (spec.kind === 'packed' ? `${String.fromCharCode(65 + (m.segment[i] % 26))}${i}` : m.pad[i] ? `pad ${i}` : String(i));
    const head = el('tr', {}, el('th', { scope: 'col', class: 'corner' }, 'q \\ k'));
    for (let k = 0; k < n; k++) head.append(el('th', { scope: 'col', class: colClass(m, k, spec.kind) }, label(k)));
    const rows = [head];
    for (let q = 0; q < n; q++) {
      const tr = el('tr', {}, el('th', { scope: 'row', class: colClass(m, q, spec.kind) }, label(q)));
      for (let k = 0; k < n; k++) {
        const ok = m.allowed[q][k];
        const td = el('td', { class: ok ? 'allowed' : 'masked' });
        if (ok && weights) {
          td.textContent = num(weights.weights[q][k], 2);
          td.style.setProperty('--w', String(weights.weights[q][k]));
          td.classList.add('weighted');
        } else {
          td.append(el('span', { class: 'sr-only' }, ok ? 'sees' : 'masked'));
        }
        tr.append(td);
      }
      if (weights?.empty[q]) tr.classList.add('empty-row');
      rows.push(tr);
    }
    table.replaceChildren(el('caption', { class: 'sr-only' }, `${KIND_LABELS[spec.kind]} mask: rows are queries, columns are keys`), ...rows);
    const seen = m.allowed.map((r) => r.filter(Boolean).length);
    const empty = seen.filter((s) => s === 0).length;
    summary.textContent = `${KIND_LABELS[spec.kind]}, seq_len ${n}: ${seen.reduce((a, b) => a + b, 0)} of ${n * n} query-key pairs are computed; the last query sees ${seen[n - 1] ?? 0} key${seen[n - 1] === 1 ? '' : 's'}.`
      + (empty ? ` ${empty} quer${empty === 1 ? 'y sees' : 'ies see'} no key at all: softmax over nothing is NaN unless the kernel guards it.` : '');
    measureUpdate(start, root);
  }
  draw(performance.now());
  return root;
}

function colClass(m: ReturnType<typeof buildMask>, i: number, kind: MaskKind): string {
  if (m.pad[i]) return 'pad';
  return kind === 'packed' ? `seg seg-${m.segment[i] % 4}` : '';
}

/** Lengths cut or extended to sum to `n` (the last sequence absorbs the difference). */
function fitLengths(lengths: number[], n: number): number[] {
  const out: number[] = [];
  let left = n;
  for (const l of lengths) {
    if (left <= 0) break;
    out.push(Math.min(l, left));
    left -= Math.min(l, left);
  }
  if (left > 0) out.push(left);
  return out;
}
