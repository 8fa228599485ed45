import { describe, expect, it } from 'vitest';
import { ContentIndex } from '../../src/core/content/contentIndex';
import { findRecallAreas, retryArea } from '../../src/core/content/recallAreas';
import { LessonRenderer } from '../../src/core/render/lessonRenderer';
import { lessonFile, MemorySource } from './memorySource';

const ROADMAP = 'id: t\ntitle: T\norder: 1\nstages:\n  - id: s1\n    title: S\n    lessons: [a, b]\n';
const fields = (id: string) => ({ id, title: `Lesson ${id}`, track: 't', stage: 's1', summary: 'S.', status: 'published', minutes: 10 });
const DECK = '---\nid: a-deck\nlesson: a\n---\n' +
  '## a1\ntype: basic\ncategory: concept\n\nQ1\n?\nA1\n\n' +
  '## a2\ntype: basic\ncategory: concept\n\nQ2\n?\nA2\n\n' +
  '## a3\ntype: cloze\ncategory: equation\n\n{{c1::x}} and {{c2::y}}\n';
const B_DECK = '---\nid: b-deck\nlesson: b\n---\n## b1\ntype: basic\ncategory: concept\n\nQ\n?\nA\n';

function catalog(aBody: string, bBody = '\n# B\n', extra: Record<string, string> = {}) {
  const files: Record<string, string> = {
    '/r/t/roadmap.yaml': ROADMAP,
    '/r/t/a.md': lessonFile(fields('a'), aBody),
    '/r/t/b.md': lessonFile(fields('b'), bBody),
    '/r/t/a.deck.md': DECK,
    '/r/t/b.deck.md': B_DECK,
    ...extra,
  };
  // an empty text leaves the file out
  const index = new ContentIndex(new MemorySource(Object.fromEntries(Object.entries(files).filter(([, text]) => text))));
  index.loadRoots(['/r']);
  return index.catalog;
}

describe('review areas (```recall blocks)', () => {
  it('finds top-level recall fences with their file lines, and skips recall fences shown inside other fences', () => {
    const body = ['# T', '', '```recall', 'a1', '', 'a2', '```', '', '````markdown', '```recall', 'x', '```', '````', '~~~recall', '# a comment', 'a3', '~~~', '    ```recall'].join('\n');
    expect(findRecallAreas(body, 10)).toEqual([
      { line: 12, entries: [{ id: 'a1', line: 13 }, { id: 'a2', line: 15 }] },
      { line: 23, entries: [{ id: 'a3', line: 25 }] },
    ]);
  });

  it('resolves areas to card ids in page order; a cloze note stands for all its deletions', () => {
    const c = catalog('\n# A\n\nText.\n\n```recall\na1\n```\n\nMore.\n\n```recall\na3\na2\n```\n');
    expect(c.diagnostics).toEqual([]);
    expect(c.recallAreas.get('a')).toEqual([
      { line: 15, cardIds: ['a1'] },
      { line: 21, cardIds: ['a3#c1', 'a3#c2', 'a2'] },
    ]);
  });

  it('reports unknown cards, a card in two areas, an empty area and an area in a lesson without a deck, at their lines', () => {
    const c = catalog('\n```recall\na1\nnope\nb1\n```\n\n```recall\na1\na3#c2\n```\n\n```recall\n```\n',
      '\n```recall\nb1\n```\n', { '/r/t/b.deck.md': '' });
    const found = c.diagnostics.map((d) => `${d.file.slice(5)}:${d.line}:${d.code}`);
    expect(found).toEqual([
      'a.md:13:recall.unknown-card',
      'a.md:14:recall.unknown-card',
      'a.md:18:recall.duplicate-card',
      'a.md:22:recall.empty',
      'b.md:11:recall.no-deck',
    ]);
    expect(c.diagnostics.find((d) => d.line === 14)?.message).toContain('in the decks of this lesson (a-deck)');
    // what is valid still works
    expect(c.recallAreas.get('a')).toEqual([{ line: 11, cardIds: ['a1'] }, { line: 17, cardIds: ['a3#c2'] }]);
  });

  it('says when a card belongs to another lesson\'s deck', () => {
    const c = catalog('\n```recall\nb1\n```\n');
    expect(c.diagnostics.map((d) => d.message)).toEqual(['review area: no card "b1": it belongs to deck "b-deck", not to a deck of this lesson']);
  });

  it('renders each area as a place named by its fence line; a nested one is reported, not shown', () => {
    const r = new LessonRenderer().render('# T\n\n```recall\na1\n```\n\n- item\n\n  ```recall\n  a2\n  ```\n', { firstLine: 5 });
    expect(r.html).toContain('<section class="recall-area" data-line="7" aria-label="Review area"></section>');
    expect(r.html).not.toContain('a1');
    expect(r.problems).toEqual([{ line: 13, code: 'recall.nested', message: 'a review area must be at the top level of the lesson, not inside a list or quote' }]);
  });

  it('retries a card rated Again in the next area, or at the end of the last one', () => {
    expect(retryArea([10, 20, 30], 10)).toBe(20);
    expect(retryArea([10, 20, 30], 30)).toBe(30);
    expect(retryArea([10], 10)).toBe(10);
  });
});
