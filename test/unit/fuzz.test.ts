import { rng } from './seededRandom';
import { describe, expect, it } from 'vitest';
import { ContentIndex } from '../../src/core/content/contentIndex';
import { checkRenderedFile } from '../../src/core/content/deepCheck';
import { LessonRenderer } from '../../src/core/render/lessonRenderer';
import { MemorySource } from './memorySource';


const FIXTURES: Record<string, string> = {
  '/c/t/roadmap.yaml': 'id: t\ntitle: T\nstages:\n  - id: s\n    title: S\n    lessons: [a, b]\n',
  '/c/t/a.md': '---\nid: a\ntitle: A\ntrack: t\nstage: s\nsummary: x\nstatus: published\nminutes: 5\nprerequisites: [b]\ntags: [x]\nsources:\n  - title: P\n    arxiv: "1706.03762"\n---\n# A\n\nMath $x^2$ and $$\\frac{a}{b}$$\n\n```mermaid\ngraph LR\nA-->B\n```\n\n[b](lesson:b)\n',
  '/c/t/b.md': '---\nid: b\ntitle: B\ntrack: t\nstage: s\nsummary: y\nstatus: planned\n---\n',
  '/c/t/a.deck.md': '---\nid: d\nlesson: a\n---\n## c1\ntype: basic\ncategory: concept\n\nQ $x$\n?\nA\n\n## c2\ntype: cloze\ncategory: equation\n\n$a = {{c1::\\frac{b}{c}}}$ {{c2::d}}\n\n## c3\ntype: numeric\ncategory: equation\nparams:\n  n: {min: 1, max: 9}\nanswer: n * 2\nunit: GiB\n\nn={{n}}\n?\n{{answer}}\n\n## c4\ntype: trace\ncategory: mechanism\n\nQ\n?\n1. a\n2. b\n',
};

const NOISE = ['---', ':', '{', '}', '{{c1::', '}}', '$', '$$', '\n', '?', '- ', '[', ']', '"', '## ', '\t', '\\', '```', '\u0000', 'ünï'];

function mutate(text: string, random: () => number): string {
  let s = text;
  const n = 1 + Math.floor(random() * 4);
  for (let i = 0; i < n; i++) {
    const at = Math.floor(random() * (s.length + 1));
    switch (Math.floor(random() * 5)) {
      case 0: s = s.slice(0, at) + s.slice(at + 1 + Math.floor(random() * 20)); break; // delete a span
      case 1: s = s.slice(0, at) + NOISE[Math.floor(random() * NOISE.length)] + s.slice(at); break; // insert a token
      case 2: s = s.slice(0, at); break; // truncate
      case 3: { const lines = s.split('\n'); const k = Math.floor(random() * lines.length); lines.splice(k, 0, lines[k] ?? ''); s = lines.join('\n'); break; } // duplicate a line
      default: s = s.slice(0, at) + s.slice(at).replace(/[a-z]/, (c) => c.toUpperCase()); // change case
    }
  }
  return s;
}

describe('malformed content (fuzz)', () => {
  it('never throws, and every problem has a file and a line', () => {
    const renderer = new LessonRenderer();
    const random = rng(20261122);
    for (let round = 0; round < 400; round++) {
      const files = { ...FIXTURES };
      const victim = Object.keys(files)[round % 4];
      files[victim] = mutate(files[victim], random);
      const index = new ContentIndex(new MemorySource(files));
      let diagnostics;
      try {
        index.loadRoots(['/c']);
        const c = index.catalog;
        diagnostics = [...c.diagnostics];
        for (const f of c.byFile.keys()) diagnostics.push(...checkRenderedFile(c, f, files[f], renderer));
      } catch (e) {
        throw new Error(`round ${round} threw on mutated ${victim}:\n${files[victim]}\n${(e as Error).stack}`);
      }
      for (const d of diagnostics) {
        expect(d.file in files, `round ${round}: ${d.file}`).toBe(true);
        expect(d.line).toBeGreaterThanOrEqual(1);
        expect(d.message.length).toBeGreaterThan(0);
      }
      // the files that were not mutated still load
      const untouched = Object.keys(files).filter((f) => f !== victim);
      if (untouched.includes('/c/t/b.md')) expect(index.catalog.lessons.has('b')).toBe(true);
      if (untouched.includes('/c/t/roadmap.yaml')) expect(index.catalog.tracks.map((t) => t.id)).toEqual(['t']);
    }
  }, 60_000); // 400 mutated catalogs: seconds, more on a loaded machine
});
