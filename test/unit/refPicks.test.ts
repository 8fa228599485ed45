import { describe, expect, it } from 'vitest';
import { ContentIndex } from '../../src/core/content/contentIndex';
import { buildRefIndex } from '../../src/core/sources/refIndex';
import { refPicks } from '../../src/core/sources/refPicks';
import { MemorySource, lessonFile } from './memorySource';

describe('lessons about a file (CodeLens picker rows)', () => {
  it('lists a lesson once with its symbols, a cloze note once, in plain text, with the reference to open at', () => {
    const files = {
      '/root/t/roadmap.yaml': 'id: t\ntitle: T\nstages:\n  - id: s\n    title: S\n    lessons: [l]\n',
      '/root/t/sources.yaml': 'repositories:\n  - id: r\n    name: R\n    clone: https://example.invalid/r.git\n    web: https://example.invalid/r/{commit}/{path}#L{line}\n    commit: 0123456789abcdef0123456789abcdef01234567\n',
      '/root/t/l.md': lessonFile({ id: 'l', title: 'Lesson L', track: 't', stage: 's', summary: 'x', status: 'published', minutes: 5 }, '\n## A\n\nSee [add](code:r/pkg/a.py#A.add) and [rm](code:r/pkg/a.py#A.rm).\n'),
      '/root/t/l.deck.md': '---\nid: d\nlesson: l\n---\n\n## note\ntype: cloze\ncategory: implementation\n\n{{c1::`A.add`}} appends in [A.add](code:r/pkg/a.py#A.add) and {{c2::notifies}}.\n?\nWhy.\n',
    };
    const index = new ContentIndex(new MemorySource(files));
    index.loadRoots(['/root']);
    const c = index.catalog;
    expect(c.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const users = buildRefIndex(c).get('r/pkg/a.py')!;
    expect(users.filter((u) => u.kind === 'card')).toHaveLength(2); // two deletions of one note
    const rows = refPicks(c, users);
    expect(rows).toHaveLength(2);
    const [lesson, card] = rows;
    expect(lesson).toMatchObject({ kind: 'lesson', title: 'Lesson L', detail: 'references A.add, A.rm', lessonId: 'l', url: 'code:r/pkg/a.py#A.add' });
    expect(card.title).toBe('[…] appends in A.add and […].');
    expect(card.lessonId).toBe('l');
  });
});
