import { validateCalculator, type Calculator } from './calculator';
import type { ExploreProblem, Locate } from './report';
import { validateWidget, type Widget } from './widgets';

/**
 * What the webview needs to check a block again: no YAML here (the page carries JSON), so the lesson
 * bundle does not take in a YAML parser.
 */

/** The fence names of explorations: ```explore (a calculator) and ```widget (one of the widgets). */
export const EXPLORE_FENCES = ['explore', 'widget'] as const;
export type ExploreFence = (typeof EXPLORE_FENCES)[number];

export function isExploreFence(name: string): name is ExploreFence {
  return name === 'explore' || name === 'widget';
}

export type Exploration = { fence: 'explore'; calculator: Calculator } | { fence: 'widget'; widget: Widget };

/**
 * Validate a block's value: the same check on the host (with lines) and in the webview, which gets
 * the value back from the page and does not trust it (its locator answers the block's line).
 */
export function validateExploration(fence: ExploreFence, value: unknown, locate: Locate, opts: { finite?: boolean } = {}): { exploration?: Exploration; problems: ExploreProblem[] } {
  if (fence === 'explore') {
    const { calculator, problems } = validateCalculator(value, locate, opts);
    return calculator ? { exploration: { fence, calculator }, problems } : { problems };
  }
  const { widget, problems } = validateWidget(value, locate);
  return widget ? { exploration: { fence, widget }, problems } : { problems };
}
