import { flowSteps, type FlowEvent } from '../../../core/explore/eventFlow';
import type { EventFlowWidget } from '../../../core/explore/widgets';
import { el, measureUpdate, stepper } from './dom';

const describe = (e: FlowEvent) => `#${e.id} ${e.source} ${e.kind}: ${e.type}`;

/** Steps through a recorded event trace: who receives each event, what each subscriber (the controller first) does. */
export function eventFlowView(w: EventFlowWidget): HTMLElement {
  const steps = flowSteps(w);
  const root = el('section', { class: 'explore explore-flow', 'aria-label': w.title ?? 'Event flow' });
  if (w.title) root.append(el('div', { class: 'explore-title' }, w.title));
  const timeline = el('ol', { class: 'flow-timeline', 'aria-label': 'Events' });
  const items = steps.map((s, i) => {
    const li = el('li', { class: `flow-event ${s.event.kind}` }, el('button', { type: 'button', class: 'flow-jump', 'data-index': String(i) }, describe(s.event)));
    timeline.append(li);
    return li;
  });
  const detail = el('div', { class: 'flow-detail', 'aria-live': 'polite' });
  const control = stepper({ label: 'Event', count: () => steps.length, onStep: (i) => draw(i) });
  timeline.addEventListener('click', (e) => {
    const b = (e.target as HTMLElement).closest<HTMLElement>('button[data-index]');
    if (b) control.go(Number(b.dataset.index));
  });
  root.append(control.root, el('div', { class: 'flow-body' }, timeline, detail));

  function draw(i: number): void {
    const start = performance.now();
    const s = steps[i];
    items.forEach((li, k) => {
      li.classList.toggle('current', k === i);
      li.classList.toggle('past', k < i);
      if (k === i) li.setAttribute('aria-current', 'step');
      else li.removeAttribute('aria-current');
    });
    const e = s.event;
    const head = el('div', { class: 'flow-head' },
      el('span', { class: `flow-badge ${e.kind}` }, e.kind), ' ',
      el('strong', {}, `#${e.id} ${e.type}`), ` from the ${e.source}`);
    const parts: HTMLElement[] = [head];
    if (e.content) parts.push(el('p', { class: 'flow-content' }, e.content));
    if (s.cause) parts.push(el('p', { class: 'flow-cause' }, `Caused by ${describe(s.cause)}`));
    // the controller's reaction first: it is what drives the loop
    const ordered = [...s.deliveries].sort((a, b) => Number(b.subscriber.id === w.controller) - Number(a.subscriber.id === w.controller));
    const list = el('ul', { class: 'flow-deliveries', 'aria-label': 'Subscribers' });
    for (const d of ordered) {
      const isController = d.subscriber.id === w.controller;
      list.append(el('li', { class: d.receives ? 'receives' : 'skips' },
        el('span', { class: 'flow-sub' }, `${d.subscriber.label}${isController ? ' (controller)' : ''}`), ': ',
        d.receives ? (d.does ?? 'receives it, nothing to do') : 'does not receive it'));
    }
    parts.push(list);
    parts.push(el('p', { class: 'flow-pending' }, s.pending.length ? `Waiting for observations: ${s.pending.map((id) => `#${id}`).join(', ')}` : 'No action waits for an observation.'));
    detail.replaceChildren(...parts);
    measureUpdate(start, root);
  }
  control.go(0);
  return root;
}
