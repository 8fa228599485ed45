import { describe, expect, it } from 'vitest';
import { ContentIndex, classifyFile } from '../../src/core/content/contentIndex';
import { lessonFile, MemorySource } from './memorySource';

const roadmap = (id: string, stages: Record<string, string[]>) =>
  `id: ${id}\ntitle: ${id.toUpperCase()}\norder: 1\nstages:\n` +
  Object.entries(stages).map(([s, ls]) => `  - id: ${s}\n    title: Stage ${s}\n    lessons: [${ls.join(', ')}]\n`).join('');

const lesson = (id: string, stage: string, extra: Record<string, unknown> = {}) =>
  lessonFile({ id, title: `Lesson ${id}`, track: 't', stage, summary: 'S.', status: 'published', minutes: 10, ...extra });

function makeIndex(files: Record<string, string>) {
  const source = new MemorySource(files);
  const index = new ContentIndex(source);
  index.loadRoots(['/root']);
  return { index, source };
}

describe('classifyFile', () => {
  it('tells roadmaps, decks and lessons apart by name', () => {
    expect(classifyFile('/a/roadmap.yaml')).toBe('roadmap');
    expect(classifyFile('/a/x.deck.md')).toBe('deck');
    expect(classifyFile('/a/x.md')).toBe('lesson');
    expect(classifyFile('/a/README.md')).toBe('ignored');
    expect(classifyFile('/a/x.yaml')).toBe('ignored');
  });
});

describe('ContentIndex', () => {
  const base = {
    '/root/t/roadmap.yaml': roadmap('t', { s1: ['a', 'b'], s2: ['c'] }),
    '/root/t/a.md': lesson('a', 's1'),
    '/root/t/b.md': lesson('b', 's1', { prerequisites: ['a'] }),
    '/root/t/c.md': lesson('c', 's2', { prerequisites: ['b'] }),
    '/root/t/a.deck.md': '---\nid: a-deck\nlesson: a\n---\n## a1\ntype: basic\ncategory: concept\n\nQ\n?\nA\n',
  };

  it('links tracks, stages, lessons and decks in recommended order', () => {
    const { index } = makeIndex(base);
    const c = index.catalog;
    expect(c.diagnostics).toEqual([]);
    expect(c.tracks.map((t) => t.stages.map((s) => s.lessonIds))).toEqual([[['a', 'b'], ['c']]]);
    expect(c.lessonOrder).toEqual(['a', 'b', 'c']);
    expect(c.decksByLesson.get('a')?.[0].cards.map((x) => x.id)).toEqual(['a1']);
    expect(c.byFile.get('/root/t/a.md')?.lesson?.id).toBe('a');
  });

  it('reports duplicate ids, unknown prerequisites and listed-but-missing lessons, and still loads the rest', () => {
    const { index } = makeIndex({
      ...base,
      '/root/t/roadmap.yaml': roadmap('t', { s1: ['a', 'b', 'ghost'], s2: ['c'] }),
      '/root/t/a2.md': lesson('a', 's1'),
      '/root/t/c.md': lesson('c', 's2', { prerequisites: ['nope'] }),
    });
    const codes = index.catalog.diagnostics.map((d) => `${d.file}:${d.line}:${d.code}`);
    expect(codes).toEqual([
      '/root/t/a2.md:2:lesson.duplicate-id',
      '/root/t/c.md:9:lesson.unknown-prerequisite',
      '/root/t/roadmap.yaml:7:roadmap.unknown-lesson',
    ]);
    expect(index.catalog.lessons.size).toBe(3);
  });

  it('finds prerequisite cycles and names them', () => {
    const { index } = makeIndex({ ...base, '/root/t/a.md': lesson('a', 's1', { prerequisites: ['c'] }) });
    const cycles = index.catalog.diagnostics.filter((d) => d.code === 'lesson.prerequisite-cycle');
    expect(cycles).toHaveLength(3);
    expect(cycles[0].message).toBe('prerequisite cycle: a → c → b → a');
  });

  it('warns when a prerequisite comes later in the recommended order', () => {
    const { index } = makeIndex({ ...base, '/root/t/b.md': lesson('b', 's1', { prerequisites: [] }), '/root/t/a.md': lesson('a', 's1', { prerequisites: ['b'] }) });
    expect(index.catalog.diagnostics.map((d) => [d.code, d.severity])).toEqual([['lesson.prerequisite-order', 'warning']]);
  });

  it('appends unlisted lessons to the stage they name, and reports unknown tracks and stages', () => {
    const { index } = makeIndex({
      ...base,
      '/root/t/z.md': lesson('z', 's2'),
      '/root/t/y.md': lesson('y', 'nowhere'),
      '/root/t/x.md': lessonFile({ id: 'x', title: 'X', track: 'other', stage: 's1', summary: 'S', status: 'planned' }),
    });
    const c = index.catalog;
    expect(c.stages.get('s2')?.lessonIds).toEqual(['c', 'z']);
    expect(c.diagnostics.map((d) => d.code).sort()).toEqual(['lesson.unknown-stage', 'lesson.unknown-track']);
  });

  it('reports a lesson whose frontmatter disagrees with the roadmap listing', () => {
    const { index } = makeIndex({ ...base, '/root/t/a.md': lesson('a', 's2') });
    expect(index.catalog.diagnostics.map((d) => d.code)).toEqual(['lesson.stage-mismatch']);
    expect(index.catalog.stages.get('s1')?.lessonIds).toEqual(['a', 'b']);
  });

  it('reports duplicate card ids across decks and unknown deck targets', () => {
    const { index } = makeIndex({
      ...base,
      '/root/t/b.deck.md': '---\nid: b-deck\nlesson: nope\n---\n## a1\ntype: basic\ncategory: concept\n\nQ\n?\nA\n\n## b1\ntype: basic\ncategory: concept\n\nQ\n?\nA\n',
    });
    const c = index.catalog;
    expect(c.diagnostics.map((d) => d.code)).toEqual(['deck.unknown-lesson', 'card.duplicate-id']);
    expect([...c.cards.keys()].sort()).toEqual(['a1', 'b1']);
  });

  it('re-reads only the changed file on update, and drops removed files', () => {
    const { index, source } = makeIndex(base);
    void index.catalog;
    const before = source.reads;
    source.files.set('/root/t/c.md', lesson('c', 's2', { prerequisites: ['a'], title: 'Changed' }));
    expect(index.updateFile('/root', '/root/t/c.md')).toBe(true);
    expect(source.reads - before).toBe(1);
    expect(index.catalog.lessons.get('c')?.title).toBe('Changed');
    index.removeFile('/root/t/b.md');
    expect(index.catalog.diagnostics.map((d) => d.code)).toEqual(['roadmap.unknown-lesson']);
    expect(index.updateFile('/root', '/root/t/notes.txt')).toBe(false);
  });

  it('keeps the first root on conflicts, so bundled content wins over a user copy', () => {
    const source = new MemorySource({ ...base, '/user/a.md': lesson('a', 's1') });
    const index = new ContentIndex(source);
    index.loadRoots(['/root', '/user']);
    expect(index.catalog.lessons.get('a')?.file).toBe('/root/t/a.md');
    expect(index.catalog.diagnostics.map((d) => d.file)).toEqual(['/user/a.md']);
  });

  it('turns an unreadable file into a diagnostic', () => {
    const source = new MemorySource(base);
    source.readFile = (p: string) => {
      if (p.endsWith('b.md')) throw new Error('EACCES');
      return source.files.get(p)!;
    };
    const index = new ContentIndex(source);
    index.loadRoots(['/root']);
    expect(index.catalog.diagnostics.map((d) => d.code)).toContain('file.unreadable');
  });
});
