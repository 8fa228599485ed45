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
import { httpUrlHost } from '../../src/core/content/fields';
import { parseSources } from '../../src/core/sources/sourcesParser';
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

describe('source URLs (item 12)', () => {
  const BAD = ['http://[docs', 'https://x:99999', 'https://exa mple.org', 'http://'];

  it('rejects a lesson source URL that does not parse, at index time, and keeps the lesson', () => {
    for (const url of BAD) {
      const c = catalogOf({ '/c/a.md': lesson(`sources:\n  - title: Docs\n    url: "${url}"\n  - title: Good\n    url: https://example.org/x\n`) });
      const a = c.lessons.get('a');
      expect(a, url).toBeDefined();
      expect(a!.sources).toEqual([{ kind: 'web', title: 'Good', url: 'https://example.org/x' }]);
      const d = c.diagnostics.find((x) => x.code === 'source.bad-field');
      expect(d?.message, url).toContain('URL');
      expect(d?.line).toBe(9);
    }
  });

  it('every accepted source URL has a host, so the lesson view can always show it', () => {
    const c = catalogOf({ '/c/a.md': lesson('sources:\n  - title: Good\n    url: https://example.org/x\n') });
    const s = c.lessons.get('a')!.sources[0];
    expect(s.kind === 'web' && httpUrlHost(s.url)).toBe('example.org');
    for (const url of BAD) expect(httpUrlHost(url)).toBeUndefined();
  });

  it('rejects sources.yaml clone and web URLs that do not parse', () => {
    const repo = (clone: string, web: string) => `repositories:\n  - id: r\n    clone: ${clone}\n    web: ${web}\n    commit: ${'a'.repeat(40)}\n`;
    expect(parseSources('/c/sources.yaml', repo('https://github.com/o/r.git', 'https://github.com/o/r/blob/{commit}/{path}#L{line}-L{endLine}')).repos).toHaveLength(1);
    expect(parseSources('/c/sources.yaml', repo('git@github.com:o/r.git', 'https://github.com/o/r/blob/{commit}/{path}')).repos).toHaveLength(1);
    for (const [clone, web] of [['https://x:99999/r.git', 'https://github.com/{path}'], ['https://github.com/o/r.git', 'https://[gh/{path}']]) {
      const r = parseSources('/c/sources.yaml', repo(clone, web));
      expect(r.repos, `${clone} ${web}`).toEqual([]);
      expect(r.diagnostics[0].message).toContain('URL');
    }
  });
});

/** Milliseconds `fn` takes (one run: the attacks are slow enough that one run tells). */
function elapsed(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

describe('numeric grid check (item 9)', () => {
  it('300 parameters are refused with a diagnostic, quickly, instead of building every combination', () => {
    const params = Array.from({ length: 300 }, (_, i) => `  p${i}: {min: 0, max: 2}`).join('\n');
    let r!: ReturnType<typeof parseDeck>;
    const ms = elapsed(() => { r = parseDeck('/c/a.deck.md', deck(numericCard('many', `params:\n${params}\nanswer: p0 + p299`))); });
    expect(ms).toBeLessThan(500);
    expect(r.deck!.cards).toEqual([]);
    expect(r.diagnostics.find((x) => x.code === 'card.params')?.message).toMatch(/at most 12 parameters/);
  });

  it('a parameter with 400,000 choices is refused with a diagnostic', () => {
    const choices = Array.from({ length: 400_000 }, (_, i) => i + 1).join(', ');
    let r!: ReturnType<typeof parseDeck>;
    const ms = elapsed(() => { r = parseDeck('/c/a.deck.md', deck(numericCard('wide', `params:\n  a: [${choices}]\n  b: [${choices}]\nanswer: a * b`))); });
    expect(ms).toBeLessThan(3000);
    expect(r.deck!.cards).toEqual([]);
    const d = r.diagnostics.find((x) => x.code === 'card.params');
    expect(d?.message).toMatch(/at most 64 choices/);
    expect(d!.message.length).toBeLessThan(300);
  });

  it('the largest allowed grid (12 parameters of 64 choices) stops at its cap of 256 combinations', () => {
    const choices = Array.from({ length: 64 }, (_, i) => i + 1).join(', ');
    const params = Array.from({ length: 12 }, (_, i) => `  p${i}: [${choices}]`).join('\n');
    // a pole late in the grid order is never reached: only the first 256 combinations are evaluated
    const ms = elapsed(() => {
      const r = parseDeck('/c/a.deck.md', deck(numericCard('big', `params:\n${params}\nanswer: 1 / (p0 - 64)`)));
      expect(r.diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
    });
    expect(ms).toBeLessThan(200);
    const early = parseDeck('/c/a.deck.md', deck(numericCard('early', `params:\n${params}\nanswer: 1 / (p11 - 2)`)));
    expect(early.diagnostics.find((x) => x.code === 'card.answer')?.message).toMatch(/not a finite number for p0 = 1, .*p11 = 2/);
  });
});
