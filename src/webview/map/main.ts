import { layoutGraph, type MapNode, type TrackGraph, type TrackLayout } from '../../core/roadmap/layout';
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
let tracks: TrackGraph[] = [];
/** Layouts of the tracks received last, made when a track is first shown. */
let layouts = new Map<string, TrackLayout>();
let lessons: Record<string, MapLessonState> = {};
let state: State = api.getState() ?? {};
forwardErrors((message) => api.post({ type: 'reportError', message }));

window.addEventListener('message', (e: MessageEvent<MapToWebview>) => {
  if (e.data?.type !== 'didLoad') return;
  const first = !tracks.length;
  tracks = e.data.tracks;
  layouts = new Map();
  lessons = e.data.lessons;
  if (e.data.focusTrack && e.data.focusTrack !== state.track) {
    state.track = e.data.focusTrack;
    state.zoom = undefined;
  }
  if (!tracks.some((t) => t.trackId === state.track)) state.track = tracks[0]?.trackId;
  render(first);
});

function layoutOf(trackId: string | undefined): TrackLayout | undefined {
  const graph = tracks.find((t) => t.trackId === trackId);
  if (!graph) return undefined;
  let l = layouts.get(graph.trackId);
  if (!l) layouts.set(graph.trackId, (l = layoutGraph(graph)));
  return l;
}

function save(): void {
  api.setState(state);
}

function svgEl<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}): SVGElementTagNameMap[K] {
  const n = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, String(v));
  return n;
}

/** Draw the selected track; `centre` scrolls to the lesson to read next (on open and on a track switch). */
function render(centre = false): void {
  const layout = layoutOf(state.track);
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
  if (centre && layout) centreOn(nextLesson(layout));
}

/** The first published lesson not yet read, in roadmap order (else the first lesson). */
function nextLesson(t: TrackLayout): MapNode | undefined {
  return t.nodes.find((n) => n.status === 'published' && !lessons[n.id]?.read) ?? t.nodes[0];
}

function centreOn(n: MapNode | undefined): void {
  const viewport = document.getElementById('viewport');
  if (!n || !viewport) return;
  const z = currentZoom();
  viewport.scrollLeft = Math.max(0, (n.x + n.w / 2) * z - viewport.clientWidth / 2);
  viewport.scrollTop = Math.max(0, (n.y + n.h / 2) * z - viewport.clientHeight / 3);
  document.querySelector<SVGGElement>(`g.node[data-lesson="${n.id}"]`)?.classList.add('next');
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
    // the stage's box around its lessons, its title on one line inside the top (full title on hover)
    const g = svgEl('g', { class: 'stage', 'data-stage': s.id });
    g.append(svgEl('rect', { x: s.x, y: s.y, width: s.w, height: s.h, rx: 8, class: 'stage-box' }));
    const label = svgEl('text', { x: s.x + 10, y: s.y + 18, class: 'stage-title' });
    label.textContent = fit(s.title, Math.floor((s.w - 20) / 7.2));
    const tip = svgEl('title');
    tip.textContent = s.title;
    label.append(tip);
    g.append(label);
    svg.append(g);
  }
  for (const e of t.edges) {
    if (e.points.length < 2) continue;
    svg.append(svgEl('path', { d: smoothPath(e.points), class: `edge edge-from-${e.from} edge-to-${e.to}`, 'marker-end': 'url(#arrow)' }));
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
  // the title on up to two lines (the full title in the tooltip and the label)
  const [l1, l2] = wrap(n.title, 29);
  const title = svgEl('text', { x: 10, y: 19, class: 'title' });
  title.textContent = l1;
  g.append(title);
  if (l2) {
    const second = svgEl('text', { x: 10, y: 35, class: 'title' });
    second.textContent = l2;
    g.append(second);
  }
  const sub = svgEl('text', { x: 10, y: 53, class: 'sub' });
  sub.textContent = planned ? 'planned' : [s?.read ? '✓ read' : 'unread', s?.cards ? `${s.cards} cards` : '', recall !== undefined ? `${Math.round(recall * 100)}%` : ''].filter(Boolean).join(' · ');
  g.append(sub);
  const tip = svgEl('title');
  tip.textContent = [n.title, t.external[n.id]?.length ? `Also needs: ${t.external[n.id].join(', ')}` : ''].filter(Boolean).join('\n');
  g.append(tip);
  return g;
}

/** `text` cut to `max` characters with an ellipsis. */
function fit(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}…`;
}

/** A smooth line through dagre's route: straight ends, quadratic bends at the inner points. */
function smoothPath(p: readonly { x: number; y: number }[]): string {
  let d = `M ${p[0].x} ${p[0].y}`;
  for (let i = 1; i < p.length - 1; i++) {
    const mx = (p[i].x + p[i + 1].x) / 2;
    const my = (p[i].y + p[i + 1].y) / 2;
    d += ` Q ${p[i].x} ${p[i].y} ${mx} ${my}`;
  }
  const last = p[p.length - 1];
  return `${d} L ${last.x} ${last.y}`;
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
  const whole = Math.min(1.5, Math.max(0.3, (viewport.clientWidth - 8) / w));
  // by default fit the panel's width, but never below a readable size (13 px titles at 1): scroll
  // instead, centred on the next lesson; "Fit" shows it all
  const zoom = state.zoom ?? Math.max(0.9, Math.min(1.25, whole));
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
    if (tab.dataset.track !== state.track) {
      // another track opens at its own readable zoom, centred on its next lesson
      state.track = tab.dataset.track;
      state.zoom = undefined;
      save();
      render(true);
    }
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

/** Arrow keys move between lessons: up/down in roadmap order, left/right to the nearest lesson on the same row. */
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
  const layout = layoutOf(state.track);
  const me = layout?.nodes.find((n) => n.id === node.dataset.lesson);
  if (!layout || !me) return;
  let target: MapNode | undefined;
  const i = layout.nodes.indexOf(me);
  // up and down follow the roadmap's order; left and right the nearest lesson on the same row
  if (e.key === 'ArrowDown') target = layout.nodes[i + 1];
  else if (e.key === 'ArrowUp') target = layout.nodes[i - 1];
  else if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
    const side = layout.nodes.filter((n) => Math.abs(n.y - me.y) < me.h / 2 && (e.key === 'ArrowRight' ? n.x > me.x : n.x < me.x));
    target = side.sort((a, b) => Math.abs(a.x - me.x) - Math.abs(b.x - me.x))[0];
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
