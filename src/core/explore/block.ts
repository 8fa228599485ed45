import { parseYamlBlock } from '../content/yamlBlock';
import { validateCalculator, type Calculator } from './calculator';
import { yamlLocator } from './locate';
import type { ExploreProblem, Locate } from './report';
import { validateWidget, type Widget } from './widgets';

/** The fence names of explorations: ```explore (a calculator) and ```widget (one of the widgets). */
export const EXPLORE_FENCES = ['explore', 'widget'] as const;
export type ExploreFence = (typeof EXPLORE_FENCES)[number];

export function isExploreFence(name: string): name is ExploreFence {
  return name === 'explore' || name === 'widget';
}

/** A block larger than this is not parsed (content is untrusted; a real block is well under 4 KB). */
export const MAX_BLOCK_CHARS = 20_000;

export type Exploration = { fence: 'explore'; calculator: Calculator } | { fence: 'widget'; widget: Widget };

/**
 * Parse and validate one exploration block (host side: YAML with file lines). `fenceLine` is the
 * file line of the opening fence; problems point at the line of the field they are about.
 */
export function parseExploreBlock(fence: ExploreFence, text: string, fenceLine: number): { exploration?: Exploration; value?: unknown; problems: ExploreProblem[] } {
  if (text.length > MAX_BLOCK_CHARS) {
    return { problems: [{ line: fenceLine, code: 'explore.too-large', message: `this ${fence} block has ${text.length.toLocaleString('en-US')} characters (at most ${MAX_BLOCK_CHARS.toLocaleString('en-US')})` }] };
  }
  const yaml = parseYamlBlock(text, fenceLine + 1);
  if (!yaml.ok) return { problems: [{ line: yaml.line, code: 'explore.yaml', message: `${fence} block: ${yaml.message}` }] };
  return { ...validateExploration(fence, yaml.value, yamlLocator(text, fenceLine)), value: yaml.value };
}

/**
 * Validate a block's value: the same check on the host (with lines) and in the webview, which gets
 * the value back from the page and does not trust it (its locator answers the block's line).
 */
export function validateExploration(fence: ExploreFence, value: unknown, locate: Locate): { exploration?: Exploration; problems: ExploreProblem[] } {
  if (fence === 'explore') {
    const { calculator, problems } = validateCalculator(value, locate);
    return calculator ? { exploration: { fence, calculator }, problems } : { problems };
  }
  const { widget, problems } = validateWidget(value, locate);
  return widget ? { exploration: { fence, widget }, problems } : { problems };
}
