import { el } from '../../common/vscodeApi';

export { el };

const SVG = 'http://www.w3.org/2000/svg';

export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}, ...children: (Node | string)[]): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  for (const c of children) node.append(c);
  return node;
}

let ids = 0;
/** A page-unique id for label/control pairs. */
export function uid(prefix: string): string {
  return `${prefix}-${++ids}`;
}

/** A number with `digits` significant digits, without trailing zeros (widget readouts). */
export function num(v: number, digits = 3): string {
  if (!Number.isFinite(v)) return v > 0 ? '∞' : v < 0 ? '−∞' : 'NaN';
  if (v === 0) return '0';
  const abs = Math.abs(v);
  if (abs >= 1e5 || abs < 1e-3) return v.toExponential(digits - 1).replace('e+', 'e');
  return String(Number(v.toPrecision(digits))).replace('-', '−');
}

/** A labelled slider with a number box beside it; both work with the keyboard and stay in step. */
export function slider(o: {
  label: string; min: number; max: number; step: number; value: number; format?: (v: number) => string;
  onInput: (v: number, e: Event) => void;
}): { root: HTMLElement; set(v: number): void } {
  const id = uid('slider');
  const range = el('input', { type: 'range', id, min: String(o.min), max: String(o.max), step: String(o.step) });
  const box = el('input', { type: 'number', min: String(o.min), max: String(o.max), step: String(o.step), 'aria-label': `${o.label}, exact value`, class: 'explore-number' });
  // what a value means when the number alone does not say it ("off", "greedy")
  const note = el('span', { class: 'explore-unit', 'aria-hidden': 'true' });
  const set = (v: number) => {
    range.value = String(v);
    box.value = String(v);
    const said = o.format ? o.format(v) : String(v);
    range.setAttribute('aria-valuetext', said);
    note.textContent = said === String(v) ? '' : said.replace(String(v), '').replace(/^\s*\(?|\)\s*$/g, '') || said;
  };
  set(o.value);
  range.addEventListener('input', (e) => {
    const v = Number(range.value);
    set(v);
    o.onInput(v, e);
  });
  box.addEventListener('change', (e) => {
    const v = Number(box.value);
    if (box.value.trim() === '' || !Number.isFinite(v)) return set(Number(range.value));
    const c = Math.min(o.max, Math.max(o.min, v));
    set(c);
    o.onInput(c, e);
  });
  const root = el('div', { class: 'explore-input' }, el('label', { for: id }, o.label), range, box, note);
  return { root, set };
}

/** A step control (previous, next, to the start, to the end) with a status line. */
export function stepper(o: { label: string; count: () => number; onStep: (i: number) => void }): { root: HTMLElement; go(i: number): void; index(): number } {
  let i = 0;
  const status = el('span', { class: 'explore-step-status', 'aria-live': 'polite' });
  const first = el('button', { type: 'button', class: 'secondary', 'data-step': 'first' }, '« Start');
  const prev = el('button', { type: 'button', class: 'secondary', 'data-step': 'prev' }, '◀ Back');
  const next = el('button', { type: 'button', 'data-step': 'next' }, 'Next ▶');
  const last = el('button', { type: 'button', class: 'secondary', 'data-step': 'last' }, 'End »');
  const go = (k: number) => {
    const n = o.count();
    i = Math.max(0, Math.min(n - 1, k));
    first.disabled = prev.disabled = i === 0;
    next.disabled = last.disabled = i >= n - 1;
    status.textContent = `${o.label} ${i + 1} of ${n}`;
    o.onStep(i);
  };
  first.addEventListener('click', () => go(0));
  prev.addEventListener('click', () => go(i - 1));
  next.addEventListener('click', () => go(i + 1));
  last.addEventListener('click', () => go(o.count() - 1));
  const root = el('div', { class: 'explore-stepper', role: 'group', 'aria-label': `${o.label} controls` }, first, prev, next, last, status);
  return { root, go, index: () => i };
}

/**
 * Record how long an update took (the e2e reads these): `explore-update` from the input event to the
 * DOM updated and laid out; `explore-painted` to after the next frame is painted (a task queued from
 * that frame's animation callback runs after its paint), which includes waiting for the frame.
 */
export function measureUpdate(start: number, root: Element): void {
  root.getBoundingClientRect(); // style and layout now, so the measure covers them
  performance.measure('explore-update', { start, end: performance.now() });
  requestAnimationFrame(() => setTimeout(() => performance.measure('explore-painted', { start, end: performance.now() }), 0));
}
