import type { DashboardFromWebview, DashboardToWebview } from '../../shared/protocol/dashboard';
import { createApi, el, forwardErrors } from '../common/vscodeApi';

const api = createApi<DashboardFromWebview, unknown>();
const app = document.getElementById('app')!;
forwardErrors((message) => api.post({ type: 'reportError', message }));

window.addEventListener('message', (e: MessageEvent<DashboardToWebview>) => {
  if (e.data?.type !== 'didLoad') return;
  const d = e.data.data;
  const action = e.data.today ?? { headline: '' };
  app.replaceChildren(
    el('p', { class: 'count', id: 'today-count' }, action.headline),
    action.detail ? el('p', { class: 'reason' }, action.detail) : '',
    action.primary
      ? el('button', { id: 'start', type: 'button', class: 'primary', ...(action.primary.lessonId ? { 'data-lesson': action.primary.lessonId } : {}) }, action.primary.label)
      : '',
    ...d.tracks.map((t) => {
      if (!t.cards) return el('div', { class: 'track' }, el('span', { class: 'name' }, t.title), el('span', { class: 'none' }, 'no cards yet'));
      const bar = el('span', { class: 'bar', role: 'img', 'aria-label': `recall ${Math.round(t.score * 100)}%` }, el('span', { class: 'fill' }));
      (bar.firstChild as HTMLElement).style.width = `${Math.round(t.score * 100)}%`;
      return el('div', { class: 'track' }, el('span', { class: 'name' }, t.title), bar, el('span', { class: 'value' }, `${Math.round(t.score * 100)}%`));
    }),
    d.continueWith && action.primary?.kind !== 'lesson' ? el('p', { class: 'next' }, 'Next: ', el('a', { href: '#', 'data-lesson': d.continueWith.id }, d.continueWith.title)) : '',
    el('p', { class: 'links' }, el('a', { href: '#', id: 'dashboard' }, 'Open the dashboard')),
  );
});

document.addEventListener('click', (e) => {
  const t = e.target as HTMLElement;
  const a = t.closest('a') as HTMLElement | null;
  if (a) {
    e.preventDefault();
    if (a.dataset.lesson) api.post({ type: 'openLesson', lessonId: a.dataset.lesson });
    else if (a.id === 'dashboard') api.post({ type: 'showRoadmap' });
  } else if (t.closest('#start')) {
    const lessonId = (t.closest('#start') as HTMLElement).dataset.lesson;
    api.post(lessonId ? { type: 'openLesson', lessonId } : { type: 'startPractice' });
  }
});

api.post({ type: 'ready' });
