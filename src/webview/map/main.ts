import type { MapNode, TrackLayout } from '../../core/roadmap/layout';
import type { MapFromWebview, MapLessonState, MapToWebview } from '../../shared/protocol/map';
import { createApi, el, forwardErrors } from '../common/vscodeApi';

interface State {
  track?: string;
  horizon?: 'today' | 'week';
  zoom?: number;
}

const api = createApi<MapFromWebview, State>();
const app = document.getElementById('app')!;
const SVG = 'http://www.w3.org/2000/svg';
let tracks: TrackLayout[] = [];
let lessons: Record<string, MapLessonState> = {};
let state: State = api.getState() ?? {};
forwardErrors((message) => api.post({ type: 'reportError', message }));

window.addEventListener('message', (e: MessageEvent<MapToWebview>) => {
  if (e.data?.type !== 'didLoad') return;
  tracks = e.data.tracks;
  lessons = e.data.lessons;
  if (e.data.focusTrack) state.track = e.data.focusTrack;
  if (!tracks.some((t) => t.trackId === state.track)) state.track = tracks[0]?.trackId;
  render();
});

function save(): void {
  api.setState(state);
}

function svgEl<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}): SVGElementTagNameMap[K] {
  const n = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, String(v));
  return n;
}

function render(): void {
  const layout = tracks.find((t) => t.trackId === state.track);
  const tabs = el('div', { class: 'tabs', role: 'tablist' }, ...tracks.map((t) => el('button', {
    type: 'button', role: 'tab', 'data-track': t.trackId, 'aria-selected': String(t.trackId === state.track), class: t.trackId === state.track ? 'active' : '',
  }, t.title)));
  const horizon = state.horizon ?? 'today';
  const toolbar = el('div', { class: 'toolbar' }, tabs,
    el('label', { class: 'toggle' }, el('input', { type: 'checkbox', id: 'week', ...(horizon === 'week' ? { checked: '' } : {}) }), ' Recall in 7 days'),
    el('span', { class: 'zoom' },
      el('button', { type: 'button', id: 'zoom-out', 'aria-label': 'Zoom out' }, '−'),
      el('button', { type: 'button', id: 'zoom-fit', 'aria-label': 'Fit to panel' }, 'Fit'),
      el('button', { type: 'button', id: 'zoom-in', 'aria-label': 'Zoom in' }, '+')),
    el('span', { class: 'legend' }, el('span', { class: 'sw low' }), 'forgotten', el('span', { class: 'sw high' }), 'recalled', el('span', { class: 'sw none' }), 'no cards / unseen', el('span', { class: 'sw planned' }), 'planned'));
  const viewport = el('div', { class: 'viewport', id: 'viewport' });
  if (layout) viewport.append(drawTrack(layout, horizon));
  app.replaceChildren(toolbar, viewport);
  applyZoom();
}

function drawTrack(t: TrackLayout, horizon: 'today' | 'week'): SVGSVGElement {
  const svg = svgEl('svg', { viewBox: `0 0 ${t.width} ${t.height}`, class: 'map', role: 'group', 'aria-label': `${t.title} roadmap` });
  svg.dataset.width = String(t.width);
  svg.dataset.height = String(t.height);
  const defs = svgEl('defs');
  const marker = svgEl('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' });
  marker.append(svgEl('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: 'arrowhead' }));
  defs.append(marker);
  svg.append(defs);
  for (const s of t.stages) {
    // stage titles wrap onto two lines within their column
    const label = svgEl('text', { x: s.x + s.w / 2, y: 16, class: 'stage-title', 'text-anchor': 'middle' });
    const [l1, l2] = wrap(s.title, 26);
    const a = svgEl('tspan', { x: s.x + s.w / 2, dy: 0 });
    a.textContent = l1;
    label.append(a);
    if (l2) {
      const b = svgEl('tspan', { x: s.x + s.w / 2, dy: 15 });
      b.textContent = l2;
      label.append(b);
    }
    const tip = svgEl('title');
    tip.textContent = s.title;
    label.append(tip);
    svg.append(label);
  }
  const byId = new Map(t.nodes.map((n) => [n.id, n]));
  for (const e of t.edges) {
    const a = byId.get(e.from);
    const b = byId.get(e.to);
    if (!a || !b) continue;
    let d: string;
    if (a.x === b.x) {
      // same stage: loop out on the right
      const x = a.x + a.w;
      const y1 = a.y + a.h / 2;
      const y2 = b.y + b.h / 2;
      d = `M ${x} ${y1} C ${x + 30} ${y1}, ${x + 30} ${y2}, ${x} ${y2}`;
    } else {
      const x1 = a.x + a.w;
      const y1 = a.y + a.h / 2;
      const x2 = b.x;
      const y2 = b.y + b.h / 2;
      const mid = (x1 + x2) / 2;
      d = `M ${x1} ${y1} C ${mid} ${y1}, ${mid} ${y2}, ${x2 - 2} ${y2}`;
    }
    svg.append(svgEl('path', { d, class: `edge edge-from-${e.from} edge-to-${e.to}`, 'marker-end': 'url(#arrow)' }));
  }
  for (const n of t.nodes) svg.append(drawNode(n, t, horizon));
  return svg;
}

function drawNode(n: MapNode, t: TrackLayout, horizon: 'today' | 'week'): SVGGElement {
  const s = lessons[n.id];
  const recall = horizon === 'week' ? s?.recall7 : s?.recall;
  const planned = n.status === 'planned';
  const g = svgEl('g', {
    class: `node ${planned ? 'planned' : s?.read ? 'read' : 'unread'}${recall === undefined ? ' no-recall' : ''}`,
    tabindex: 0, role: 'button', 'data-lesson': n.id, transform: `translate(${n.x} ${n.y})`,
    'aria-label': `${n.title}, ${planned ? 'planned' : s?.read ? 'read' : 'unread'}${recall !== undefined ? `, recall ${Math.round(recall * 100)}%` : ''}`,
  });
  const rect = svgEl('rect', { width: n.w, height: n.h, rx: 6 });
  if (recall !== undefined && !planned) rect.setAttribute('style', `--recall: ${Math.round(recall * 100)}%`);
  g.append(rect);
  const title = svgEl('text', { x: 10, y: 19, class: 'title' });
  title.textContent = n.title.length > 25 ? `${n.title.slice(0, 24)}…` : n.title;
  g.append(title);
  const sub = svgEl('text', { x: 10, y: 36, class: 'sub' });
  sub.textContent = planned ? 'planned' : [s?.read ? '✓ read' : 'unread', s?.cards ? `${s.cards} cards` : '', recall !== undefined ? `${Math.round(recall * 100)}%` : ''].filter(Boolean).join(' · ');
  g.append(sub);
  const tip = svgEl('title');
  tip.textContent = [n.title, t.external[n.id]?.length ? `Also needs: ${t.external[n.id].join(', ')}` : ''].filter(Boolean).join('\n');
  g.append(tip);
  return g;
}

/** Split a title into at most two lines of about `width` characters (the second one truncated). */
function wrap(text: string, width: number): [string, string?] {
  if (text.length <= width) return [text];
  const cut = text.lastIndexOf(' ', width);
  const first = cut > 8 ? text.slice(0, cut) : text.slice(0, width);
  const rest = text.slice(first.length).trim();
  return [first, rest.length > width ? `${rest.slice(0, width - 1)}…` : rest];
}

function applyZoom(): void {
  const svg = document.querySelector<SVGSVGElement>('svg.map');
  const viewport = document.getElementById('viewport');
  if (!svg || !viewport) return;
  const w = Number(svg.dataset.width);
  const fit = Math.min(1.5, Math.max(0.3, (viewport.clientWidth - 8) / w));
  // by default fit the panel, but never below a readable size (scroll instead); "Fit" shows it all
  const zoom = state.zoom ?? Math.max(0.85, Math.min(1.25, fit));
  svg.style.width = `${w * zoom}px`;
  svg.style.height = `${Number(svg.dataset.height) * zoom}px`;
}

function setZoom(z: number | undefined): void {
  state.zoom = z === undefined ? undefined : Math.min(3, Math.max(0.25, z));
  save();
  applyZoom();
}

function currentZoom(): number {
  const svg = document.querySelector<SVGSVGElement>('svg.map');
  return svg ? svg.getBoundingClientRect().width / Number(svg.dataset.width) : 1;
}

document.addEventListener('click', (e) => {
  const t = e.target as Element;
  const node = t.closest('g.node') as SVGGElement | null;
  if (node) return open(node);
  const tab = t.closest('[data-track]') as HTMLElement | null;
  if (tab) {
    state.track = tab.dataset.track;
    save();
    render();
    return;
  }
  const id = t.closest('button')?.id;
  if (id === 'zoom-in') setZoom(currentZoom() * 1.2);
  else if (id === 'zoom-out') setZoom(currentZoom() / 1.2);
  else if (id === 'zoom-fit') {
    const svg = document.querySelector<SVGSVGElement>('svg.map');
    const viewport = document.getElementById('viewport');
    if (svg && viewport) setZoom(Math.min((viewport.clientWidth - 8) / Number(svg.dataset.width), (viewport.clientHeight - 8) / Number(svg.dataset.height)));
  }
});

document.addEventListener('change', (e) => {
  if ((e.target as HTMLElement).id === 'week') {
    state.horizon = (e.target as HTMLInputElement).checked ? 'week' : 'today';
    save();
    render();
  }
});

function open(node: SVGGElement): void {
  if (node.classList.contains('planned')) return;
  api.post({ type: 'openLesson', lessonId: node.dataset.lesson! });
}

/** Arrow keys move between lessons: up/down within a stage, left/right to the nearest lesson of the next stage. */
document.addEventListener('keydown', (e) => {
  const node = (e.target as Element).closest?.('g.node') as SVGGElement | null;
  if ((e.ctrlKey || e.metaKey) && (e.key === '=' || e.key === '+' || e.key === '-' || e.key === '0')) {
    e.preventDefault();
    setZoom(e.key === '0' ? undefined : currentZoom() * (e.key === '-' ? 1 / 1.2 : 1.2));
    return;
  }
  if (!node) {
    if (e.key.startsWith('Arrow')) document.querySelector<SVGGElement>('g.node')?.focus();
    return;
  }
  if (e.key === 'Enter' || e.key === ' ') {
    e.preventDefault();
    return open(node);
  }
  const layout = tracks.find((t) => t.trackId === state.track);
  const me = layout?.nodes.find((n) => n.id === node.dataset.lesson);
  if (!layout || !me) return;
  let target: MapNode | undefined;
  const sameCol = layout.nodes.filter((n) => n.x === me.x);
  const i = sameCol.indexOf(me);
  if (e.key === 'ArrowDown') target = sameCol[i + 1];
  else if (e.key === 'ArrowUp') target = sameCol[i - 1];
  else if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
    const xs = [...new Set(layout.nodes.map((n) => n.x))].sort((a, b) => a - b);
    const nx = xs[xs.indexOf(me.x) + (e.key === 'ArrowRight' ? 1 : -1)];
    const col = layout.nodes.filter((n) => n.x === nx);
    target = col.sort((a, b) => Math.abs(a.y - me.y) - Math.abs(b.y - me.y))[0];
  }
  if (target) {
    e.preventDefault();
    const g = document.querySelector<SVGGElement>(`g.node[data-lesson="${target.id}"]`);
    g?.focus();
    g?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }
});

window.addEventListener('resize', () => state.zoom === undefined && applyZoom());

api.post({ type: 'ready' });
