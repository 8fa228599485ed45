/**
 * Hostile content (issue 10, items 7–14): crafted files that used to hang the extension host, make
 * a lesson or card unopenable, or drop content silently. Each attack is reproduced here as it was
 * reported and must now end in a diagnostic with a file and a line, within a bounded time.
 */
import { describe, expect, it } from 'vitest';
import { cardFaces } from '../../src/core/content/cardText';
import { ContentIndex } from '../../src/core/content/contentIndex';
import { checkRenderedFile } from '../../src/core/content/deepCheck';
import { parseDeck } from '../../src/core/content/deckParser';
import { evaluateString, parseExpression } from '../../src/core/content/expression';
import { LessonRenderer } from '../../src/core/render/lessonRenderer';
import { MemorySource } from './memorySource';

const ROADMAP = 'id: t\ntitle: T\nstages:\n  - id: s\n    title: S\n    lessons: []\n';
const lesson = (extra: string, body = '\n# Body\n\nText.\n') =>
  `---\nid: a\ntitle: A\ntrack: t\nstage: s\nsummary: x\nstatus: published\nminutes: 5\n${extra}---\n${body}`;
const deck = (cards: string) => `---\nid: d\nlesson: a\n---\n${cards}`;
const numericCard = (id: string, attrs: string, front = 'Q?') => `## ${id}\ntype: numeric\ncategory: equation\n${attrs}\n\n${front}\n?\n{{answer}}\n`;

function catalogOf(files: Record<string, string>) {
  const index = new ContentIndex(new MemorySource({ '/c/roadmap.yaml': ROADMAP, ...files }));
  index.loadRoots(['/c']);
  return index.catalog;
}

describe('prototype names in numeric cards (item 11)', () => {
  it('shows {{constructor}}, {{toString}} and {{__proto__}} as written instead of failing every show', () => {
    const { deck: d, diagnostics } = parseDeck('/c/a.deck.md', deck(numericCard('proto', 'params:\n  n: [1, 2]\nanswer: n * 2', 'n={{n}} {{constructor}} {{toString}} {{__proto__}} {{hasOwnProperty}} {{= valueOf}}')));
    expect(diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
    const faces = cardFaces(d!.cards[0]);
    expect(faces.front).toBe('n=1 {{constructor}} {{toString}} {{__proto__}} {{hasOwnProperty}} {{= valueOf}}');
  });

  it('never reaches Object.prototype members from an expression', () => {
    for (const name of ['constructor', 'toString', '__proto__', 'valueOf', 'hasOwnProperty']) {
      expect(() => evaluateString(name, { x: 1 })).toThrow(/unknown name/);
      expect(() => parseExpression(`${name}(1)`)).toThrow(/unknown function/);
    }
  });

  it('rejects a parameter named __proto__ or constructor at index time, with the line', () => {
    for (const name of ['__proto__', 'constructor', 'toString']) {
      const { deck: d, diagnostics } = parseDeck('/c/a.deck.md', deck(numericCard('p', `params:\n  ${name}: [1, 2]\nanswer: ${name} * 2`, `{{${name}}}`)));
      expect(d!.cards).toEqual([]);
      const err = diagnostics.find((x) => x.code === 'card.params');
      expect(err?.message).toContain(name);
      expect(err?.line).toBe(8);
    }
  });
});
