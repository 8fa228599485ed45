import type { DashboardFromWebview, DashboardToWebview } from '../../shared/protocol/dashboard';
import { createApi, el, forwardErrors } from '../common/vscodeApi';

const api = createApi<DashboardFromWebview, unknown>();
const app = document.getElementById('app')!;
forwardErrors((message) => api.post({ type: 'reportError', message }));

window.addEventListener('message', (e: MessageEvent<DashboardToWebview>) => {
  if (e.data?.type !== 'didLoad') return;
  const d = e.data.data;
  const total = d.queue.due + d.queue.fresh;
  app.replaceChildren(
    el('p', { class: 'count', id: 'today-count' }, total ? `${d.queue.due} due · ${d.queue.fresh} new` : 'Nothing due'),
    d.queue.reasons[0] ? el('p', { class: 'reason' }, d.queue.reasons[0]) : '',
    el('button', { id: 'start', type: 'button', class: 'primary', ...(total ? {} : { disabled: '' }) }, total ? 'Start practice' : 'All caught up'),
    ...d.tracks.map((t) => {
      const bar = el('span', { class: 'bar' }, el('span', { class: 'fill' }));
      (bar.firstChild as HTMLElement).style.width = `${Math.round(t.score * 100)}%`;
      return el('div', { class: 'track' }, el('span', { class: 'name' }, t.title), bar, el('span', { class: 'value' }, `${Math.round(t.score * 100)}%`));
    }),
    d.continueWith ? el('p', { class: 'next' }, 'Next: ', el('a', { href: '#', 'data-lesson': d.continueWith.id }, d.continueWith.title)) : '',
    el('p', {}, el('a', { href: '#', id: 'dashboard' }, 'Open the dashboard')),
  );
});

document.addEventListener('click', (e) => {
  const t = e.target as HTMLElement;
  const a = t.closest('a') as HTMLElement | null;
  if (a) {
    e.preventDefault();
    if (a.dataset.lesson) api.post({ type: 'openLesson', lessonId: a.dataset.lesson });
    else if (a.id === 'dashboard') api.post({ type: 'showRoadmap' });
  } else if (t.closest('#start')) api.post({ type: 'startPractice' });
});

api.post({ type: 'ready' });
