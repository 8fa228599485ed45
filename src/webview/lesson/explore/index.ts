import { isExploreFence, validateExploration } from '../../../core/explore/validate';
import type { Widget } from '../../../core/explore/widgets';
import type { Values } from '../../../core/explore/calculator';
import { calculatorView, type KeptValues } from './calculatorView';
import { el } from './dom';
import { eventFlowView } from './eventFlowView';
import { maskGridView } from './maskGridView';
import { onlineSoftmaxView } from './onlineSoftmaxView';
import { softmaxView } from './softmaxView';

/**
 * Draw the explorations of a lesson page: each `.exploration` placeholder the renderer left carries
 * its block's value as JSON; it is validated again here (the page is not trusted more than the
 * lesson) and drawn when it comes near the screen, so explorations never delay the first paint.
 */
let observer: IntersectionObserver | undefined;

/**
 * The learner's calculator values for this page's lifetime, by block (its settings as written): a
 * lesson drawn again (the file changed, the theme changed, the lesson was reopened in this panel)
 * shows what the learner had set. A block whose settings changed starts from its defaults.
 */
const keptValues = new Map<string, Values>();
const MAX_KEPT = 200;

function keeper(key: string): KeptValues {
  return {
    get: () => keptValues.get(key),
    set: (v) => {
      keptValues.delete(key);
      keptValues.set(key, v);
      if (keptValues.size > MAX_KEPT) keptValues.delete(keptValues.keys().next().value!);
    },
  };
}

export function mountExplorations(root: HTMLElement, report: (message: string) => void): void {
  // a new page replaces the old one: stop watching the old placeholders
  observer?.disconnect();
  observer = undefined;
  const places = [...root.querySelectorAll<HTMLElement>('.exploration[data-config]')];
  if (!places.length) return;
  const current = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      current.unobserve(entry.target);
      mount(entry.target as HTMLElement, report);
    }
  }, { rootMargin: '400px 0px' });
  for (const p of places) current.observe(p);
  observer = current;
}

function widgetView(w: Widget): HTMLElement {
  switch (w.kind) {
    case 'mask-grid': return maskGridView(w);
    case 'softmax': return softmaxView(w);
    case 'online-softmax': return onlineSoftmaxView(w);
    case 'event-flow': return eventFlowView(w);
  }
}

function mount(place: HTMLElement, report: (message: string) => void): void {
  const fence = place.dataset.fence ?? '';
  const start = performance.now();
  let value: unknown;
  try {
    value = JSON.parse(place.dataset.config ?? '');
  } catch {
    value = undefined;
  }
  const line = Number(place.dataset.line) || 0;
  const result = isExploreFence(fence) ? validateExploration(fence, value, () => line) : undefined;
  const x = result?.exploration;
  if (!x) {
    place.replaceChildren(el('p', { class: 'exploration-error', role: 'note' }, `Exploration not shown: ${result?.problems[0]?.message ?? 'its settings are not valid'}`));
    return;
  }
  try {
    place.replaceChildren(x.fence === 'explore' ? calculatorView(x.calculator, keeper(place.dataset.config ?? '')) : widgetView(x.widget));
    place.dataset.mounted = 'true';
    performance.measure('explore-mount', { start, end: performance.now() });
  } catch (e) {
    place.replaceChildren(el('p', { class: 'exploration-error', role: 'note' }, 'Exploration could not be drawn.'));
    report(`exploration at line ${line}: ${e instanceof Error ? e.message : String(e)}`);
  }
}
