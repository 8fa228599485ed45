import { magnitude } from '../../../core/content/cardText';
import { num, svg } from './dom';

export interface PlotSpec {
  xLabel: string;
  yLabel: string;
  xLog: boolean;
  yLog: boolean;
  yUnit?: string;
}

const W = 560;
const H = 250;
const M = { left: 72, right: 16, top: 30, bottom: 44 };
/** About the width of one character of a 12px axis title, in viewBox units (titles are cut to fit). */
const CHAR_W = 6.6;

/** An axis title cut to `width` (with an ellipsis); the full label stays in its tooltip. */
function axisTitle(label: string, width: number, at: Record<string, string | number>): SVGElement {
  const max = Math.floor(width / CHAR_W);
  const text = label.length > max ? `${label.slice(0, max - 1).trimEnd()}…` : label;
  const title = svg('text', { class: 'axis-title', ...at }, text);
  if (text !== label) title.append(svg('title', {}, label));
  return title;
}

/**
 * An SVG line plot with axes, ticks and axis labels, drawn in theme colours by CSS classes. `update`
 * replaces the curve, the ticks and the marker of the current x: cheap enough for every input event.
 */
export function linePlot(spec: PlotSpec): { root: SVGSVGElement; update(xs: number[], ys: number[], x: number, y: number): void } {
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'explore-plot-svg', role: 'img', preserveAspectRatio: 'xMidYMid meet' });
  const grid = svg('g', { class: 'grid' });
  const axes = svg('g', { class: 'axes' });
  const curve = svg('path', { class: 'curve', fill: 'none' });
  const guide = svg('line', { class: 'guide' });
  const marker = svg('circle', { class: 'marker', r: 4.5 });
  const xTitle = axisTitle(spec.xLabel, W - 16, { x: M.left + (W - M.left - M.right) / 2, y: H - 6, 'text-anchor': 'middle' });
  // the y title reads horizontally above its axis: a rotated one only fits a short label, and output
  // labels are often a phrase
  const yTitle = axisTitle(spec.yLabel, W - 8, { x: 4, y: 14, 'text-anchor': 'start' });
  root.append(grid, axes, curve, guide, marker, xTitle, yTitle);

  // the y axis keeps its range while the curve fits it well, so a knob that scales the curve moves it
  // on screen (a fresh fit every time would draw the same shape with other tick labels)
  let domain: [number, number] | undefined;
  const update = (xs: number[], ys: number[], x: number, y: number) => {
    const finite = ys.filter((v) => Number.isFinite(v));
    const [x0, x1] = [xs[0], xs[xs.length - 1]];
    let lo = finite.length ? Math.min(...finite) : 0;
    let hi = finite.length ? Math.max(...finite) : 1;
    if (!spec.yLog && lo > 0) lo = 0; // a linear axis starts at zero, so sizes compare honestly
    if (lo === hi) { hi = lo === 0 ? 1 : lo * (spec.yLog ? 10 : 1.1); if (spec.yLog) lo /= 10; }
    const span = (a: number, b: number) => (spec.yLog ? Math.log(b / a) : b - a);
    if (!domain || lo < domain[0] || hi > domain[1] || span(lo, hi) < span(domain[0], domain[1]) / 4) {
      const t = spec.yLog ? logTicks(lo, hi) : yTicksFor(lo, hi);
      domain = spec.yLog ? [lo, hi] : [Math.min(lo, t[0]), Math.max(hi, t[t.length - 1])];
    }
    const [y0, y1] = domain;
    const yTicks = spec.yLog ? logTicks(y0, y1) : yTicksFor(y0, y1);
    const xTicks = spec.xLog ? logTicks(x0, x1) : linearTicks(x0, x1).filter((t) => t >= x0 && t <= x1);
    const sx = scale(x0, x1, M.left, W - M.right, spec.xLog);
    const sy = scale(y0, y1, H - M.bottom, M.top, spec.yLog);
    grid.replaceChildren();
    axes.replaceChildren(
      svg('line', { x1: M.left, x2: W - M.right, y1: H - M.bottom, y2: H - M.bottom, class: 'axis' }),
      svg('line', { x1: M.left, x2: M.left, y1: M.top, y2: H - M.bottom, class: 'axis' }),
    );
    for (const t of yTicks) {
      const py = sy(t);
      if (py < M.top - 0.5 || py > H - M.bottom + 0.5) continue;
      grid.append(svg('line', { x1: M.left, x2: W - M.right, y1: py, y2: py }));
      axes.append(svg('text', { x: M.left - 6, y: py + 4, 'text-anchor': 'end', class: 'tick' }, tickText(t, spec.yUnit)));
    }
    for (const t of xTicks) {
      const px = sx(t);
      axes.append(svg('line', { x1: px, x2: px, y1: H - M.bottom, y2: H - M.bottom + 4, class: 'axis' }));
      axes.append(svg('text', { x: px, y: H - M.bottom + 17, 'text-anchor': 'middle', class: 'tick' }, tickText(t)));
    }
    let d = '';
    let pen = false;
    for (let i = 0; i < xs.length; i++) {
      if (!Number.isFinite(ys[i])) { pen = false; continue; }
      d += `${pen ? 'L' : 'M'}${sx(xs[i]).toFixed(1)},${sy(ys[i]).toFixed(1)}`;
      pen = true;
    }
    curve.setAttribute('d', d);
    const inside = x >= x0 && x <= x1 && Number.isFinite(y) && (!spec.yLog || y > 0);
    marker.toggleAttribute('hidden', !inside);
    guide.toggleAttribute('hidden', !inside);
    if (inside) {
      const px = sx(x).toFixed(1);
      marker.setAttribute('cx', px);
      marker.setAttribute('cy', sy(y).toFixed(1));
      guide.setAttribute('x1', px);
      guide.setAttribute('x2', px);
      guide.setAttribute('y1', String(M.top));
      guide.setAttribute('y2', String(H - M.bottom));
    }
  };
  return { root, update };

  /** Bytes tick at round binary sizes (4 GiB, 8 GiB), everything else at round decimal numbers. */
  function yTicksFor(a: number, b: number): number[] {
    if (!spec.yUnit || !/^(?:bytes?|B)$/.test(spec.yUnit) || Math.max(Math.abs(a), Math.abs(b)) < 1024) return linearTicks(a, b);
    const unit = 1024 ** Math.floor(Math.log(Math.max(Math.abs(a), Math.abs(b))) / Math.log(1024));
    return linearTicks(a / unit, b / unit).map((t) => t * unit);
  }
}

function scale(d0: number, d1: number, r0: number, r1: number, log: boolean): (v: number) => number {
  if (log) {
    const a = Math.log(d0);
    const b = Math.log(d1);
    return (v) => r0 + ((Math.log(v) - a) / (b - a || 1)) * (r1 - r0);
  }
  return (v) => r0 + ((v - d0) / (d1 - d0 || 1)) * (r1 - r0);
}

/** About five round ticks covering [a, b] (1, 2 or 5 times a power of ten apart). */
export function linearTicks(a: number, b: number, count = 5): number[] {
  const span = b - a || Math.abs(a) || 1;
  const raw = span / count;
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw) ?? 10 * p;
  const out: number[] = [];
  for (let t = Math.floor(a / step) * step; t <= b + step * 1e-9 && out.length < 20; t += step) out.push(Number(t.toPrecision(12)));
  if (out[out.length - 1] < b) out.push(Number((out[out.length - 1] + step).toPrecision(12)));
  return out;
}

/** Ticks on a log axis: powers of two when the range is short (sizes in ML are), else powers of ten. */
export function logTicks(a: number, b: number): number[] {
  const base = Math.log2(b / a) <= 12 ? 2 : 10;
  const lo = Math.ceil(Math.log(a) / Math.log(base) - 1e-9);
  const hi = Math.floor(Math.log(b) / Math.log(base) + 1e-9);
  const every = Math.max(1, Math.ceil((hi - lo + 1) / 7));
  const out: number[] = [];
  for (let k = lo; k <= hi; k += every) out.push(base ** k);
  return out;
}

/** Short tick labels: 4k, 128k, 1M; bytes as KiB/MiB/GiB. */
function tickText(v: number, unit?: string): string {
  const mag = magnitude(v, unit);
  if (mag) return mag.replace(/FLOPs?(\/s)?$/, '');
  const abs = Math.abs(v);
  // sizes in ML are powers of two: 32768 tokens is "32k", not "32.8k"
  if (Number.isInteger(Math.log2(abs)) && abs >= 1024) return abs >= 2 ** 20 ? `${num(v / 2 ** 20)}M` : `${num(v / 1024)}k`;
  if (abs >= 1e12) return `${num(v / 1e12)}T`;
  if (abs >= 1e9) return `${num(v / 1e9)}G`;
  if (abs >= 1e6) return `${num(v / 1e6)}M`;
  if (abs >= 1e4) return `${num(v / 1e3)}k`;
  return num(v);
}
