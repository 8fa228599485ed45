import type { DashboardData, RecallScore } from '../../core/stats/dashboard';
import type { DashboardFromWebview, DashboardToWebview } from '../../shared/protocol/dashboard';
import { createApi, el, forwardErrors } from '../common/vscodeApi';

const api = createApi<DashboardFromWebview, { open?: string[] }>();
const app = document.getElementById('app')!;
const SVG = 'http://www.w3.org/2000/svg';
forwardErrors((message) => api.post({ type: 'reportError', message }));

window.addEventListener('message', (e: MessageEvent<DashboardToWebview>) => {
  if (e.data?.type === 'didLoad') render(e.data.data);
});

const pct = (x: number) => `${Math.round(x * 100)}%`;

function render(d: DashboardData): void {
  const total = d.queue.due + d.queue.fresh;
  const today = el('section', { class: 'today', id: 'today' },
    el('h1', {}, 'Daily practice'),
    el('p', { class: 'big', id: 'queue-count' }, total ? `${d.queue.due} due · ${d.queue.fresh} new` : 'Nothing due right now'),
    d.queue.reasons.length ? el('ul', { class: 'reasons' }, ...d.queue.reasons.map((r) => el('li', {}, r))) : '',
    el('div', { class: 'actions' },
      el('button', { id: 'start', type: 'button', class: 'primary', ...(total ? {} : { disabled: '' }) }, 'Start practice', el('kbd', {}, 'Enter')),
      el('button', { id: 'learn', type: 'button' }, 'Learn new cards'),
      el('button', { id: 'map', type: 'button' }, 'Show roadmap')),
    el('p', { class: 'meta' }, `Streak: ${d.streak} day${d.streak === 1 ? '' : 's'} · today ${d.today.reviews} reviews, ${d.today.minutes} min · last 30 days ${d.minutes30} min`),
  );

  const scores = el('section', { id: 'scores' }, el('h2', {}, 'Recall score'),
    el('p', { class: 'hint' }, 'Mean probability of recalling each card today (unseen cards count as 0). Coverage is cards seen out of all cards.'),
    ...d.tracks.map((t) => {
      const details = el('details', { 'data-track': t.id }, el('summary', {}, scoreRow(t, 'track')),
        ...t.stages.map((s) => scoreRow(s, 'stage')));
      if (api.getState()?.open?.includes(t.id)) details.open = true;
      details.addEventListener('toggle', () => {
        const open = new Set(api.getState()?.open ?? []);
        if (details.open) open.add(t.id);
        else open.delete(t.id);
        api.setState({ open: [...open] });
      });
      return details;
    }));

  const next = el('section', { id: 'continue' }, el('h2', {}, 'Continue where you left off'));
  if (d.continueWith) next.append(el('p', {}, 'Next lesson: ', lessonLink(d.continueWith.id, d.continueWith.title), ` — ${d.continueWith.why}.`));
  if (d.decaying) next.append(el('p', {}, 'Fading fastest: ', lessonLink(d.decaying.id, d.decaying.title), ` — its cards lose ${pct(d.decaying.drop)} recall in a week without review.`));
  if (!d.continueWith && !d.decaying) next.append(el('p', { class: 'hint' }, 'Read a lesson to get started.'));

  const stats = el('section', { id: 'stats' }, el('h2', {}, 'Statistics'),
    el('h3', {}, 'Reviews per day (last year)'), heatmap(d.heatmap),
    el('h3', {}, 'Due in the next 30 days'), bars(d.forecast),
    el('h3', {}, 'True retention (last 30 days, cards in review)'),
    el('table', { class: 'retention' }, el('thead', {}, el('tr', {}, el('th', {}, 'Category'), el('th', {}, 'Passed'), el('th', {}, 'Reviews'), el('th', {}, 'Retention'))),
      el('tbody', {}, ...d.retention.map((r) => el('tr', {}, el('td', {}, r.category), el('td', {}, String(r.pass)), el('td', {}, String(r.total)), el('td', {}, r.total ? pct(r.pass / r.total) : '—'))))),
    el('h3', {}, 'Leeches (cards forgotten 8 times or more)'),
    d.leeches.length
      ? el('ul', { class: 'leeches' }, ...d.leeches.map((l) => el('li', {}, `${l.noteId} (${l.lapses} lapses)`, l.lessonId ? el('span', {}, ' — ', lessonLink(l.lessonId, l.lessonTitle ?? l.lessonId)) : '')))
      : el('p', { class: 'hint' }, 'None.'),
  );
  app.replaceChildren(today, scores, next, stats);
}

function scoreRow(s: RecallScore, kind: 'track' | 'stage'): HTMLElement {
  const bar = el('span', { class: 'bar', role: 'img', 'aria-label': `recall ${pct(s.score)}` });
  const fill = el('span', { class: 'fill' });
  fill.style.width = pct(s.score);
  const f7 = el('span', { class: 'tick t7', title: `in 7 days: ${pct(s.forecast7)}` });
  f7.style.left = pct(s.forecast7);
  const f30 = el('span', { class: 'tick t30', title: `in 30 days: ${pct(s.forecast30)}` });
  f30.style.left = pct(s.forecast30);
  bar.append(fill, f7, f30);
  return el('div', { class: `score ${kind}`, 'data-score-id': s.id },
    el('span', { class: 'name' }, s.title),
    bar,
    el('span', { class: 'value', 'data-score': s.score.toFixed(4) }, pct(s.score)),
    el('span', { class: 'detail' }, `coverage ${s.seen}/${s.cards} · 7d ${pct(s.forecast7)} · 30d ${pct(s.forecast30)}`));
}

function lessonLink(id: string, title: string): HTMLElement {
  return el('a', { href: '#', 'data-lesson': id }, title);
}

function heatmap(days: { day: string; n: number }[]): SVGElement {
  const cell = 11;
  const svg = document.createElementNS(SVG, 'svg');
  const weeks = Math.ceil(days.length / 7);
  svg.setAttribute('viewBox', `0 0 ${weeks * cell} ${7 * cell}`);
  svg.setAttribute('class', 'heatmap');
  svg.setAttribute('role', 'img');
  const total = days.reduce((n, d) => n + d.n, 0);
  svg.setAttribute('aria-label', `${total} reviews in the last year`);
  const max = Math.max(1, ...days.map((d) => d.n));
  days.forEach((d, i) => {
    const r = document.createElementNS(SVG, 'rect');
    r.setAttribute('x', String(Math.floor(i / 7) * cell));
    r.setAttribute('y', String((i % 7) * cell));
    r.setAttribute('width', String(cell - 2));
    r.setAttribute('height', String(cell - 2));
    r.setAttribute('rx', '2');
    r.setAttribute('class', d.n ? `lvl${Math.min(4, Math.ceil((d.n / max) * 4))}` : 'lvl0');
    const t = document.createElementNS(SVG, 'title');
    t.textContent = `${d.day}: ${d.n} review${d.n === 1 ? '' : 's'}`;
    r.append(t);
    svg.append(r);
  });
  return svg;
}

function bars(days: { day: string; n: number }[]): SVGElement {
  const w = 14;
  const h = 60;
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${days.length * w} ${h + 12}`);
  svg.setAttribute('class', 'forecast');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', `due cards per day for the next ${days.length} days`);
  const max = Math.max(1, ...days.map((d) => d.n));
  days.forEach((d, i) => {
    const bh = (d.n / max) * h;
    const r = document.createElementNS(SVG, 'rect');
    r.setAttribute('x', String(i * w + 1));
    r.setAttribute('y', String(h - bh));
    r.setAttribute('width', String(w - 2));
    r.setAttribute('height', String(Math.max(bh, d.n ? 1 : 0)));
    const t = document.createElementNS(SVG, 'title');
    t.textContent = `${d.day}: ${d.n} due`;
    r.append(t);
    svg.append(r);
  });
  return svg;
}

document.addEventListener('click', (e) => {
  const t = e.target as HTMLElement;
  const a = t.closest('a[data-lesson]') as HTMLElement | null;
  if (a) {
    e.preventDefault();
    api.post({ type: 'openLesson', lessonId: a.dataset.lesson! });
    return;
  }
  const id = t.closest('button')?.id;
  if (id === 'start') api.post({ type: 'startPractice' });
  else if (id === 'learn') api.post({ type: 'learnNew' });
  else if (id === 'map') api.post({ type: 'showRoadmap' });
});

document.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && !(e.target as HTMLElement).closest('a, button, summary')) {
    e.preventDefault();
    api.post({ type: 'startPractice' });
  }
});

api.post({ type: 'ready' });
