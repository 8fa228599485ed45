import { parseYamlBlock } from '../content/yamlBlock';
import { yamlLocator } from './locate';
import type { ExploreProblem } from './report';
import { validateExploration, type Exploration, type ExploreFence } from './validate';

export { isExploreFence, validateExploration, type Exploration, type ExploreFence } from './validate';

/** A block larger than this is not parsed (content is untrusted; a real block is well under 4 KB). */
export const MAX_BLOCK_CHARS = 20_000;

/**
 * Parse and validate one exploration block (host side: YAML with file lines). `fenceLine` is the
 * file line of the opening fence; problems point at the line of the field they are about.
 */
export function parseExploreBlock(fence: ExploreFence, text: string, fenceLine: number, opts: { finite?: boolean } = {}): { exploration?: Exploration; value?: unknown; problems: ExploreProblem[] } {
  if (text.length > MAX_BLOCK_CHARS) {
    return { problems: [{ line: fenceLine, code: 'explore.too-large', message: `this ${fence} block has ${text.length.toLocaleString('en-US')} characters (at most ${MAX_BLOCK_CHARS.toLocaleString('en-US')})` }] };
  }
  const yaml = parseYamlBlock(text, fenceLine + 1);
  if (!yaml.ok) return { problems: [{ line: yaml.line, code: 'explore.yaml', message: `${fence} block: ${yaml.message}` }] };
  return { ...validateExploration(fence, yaml.value, yamlLocator(text, fenceLine), opts), value: yaml.value };
}
