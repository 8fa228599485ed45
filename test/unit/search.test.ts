import { describe, expect, it } from 'vitest';
import { LessonRenderer } from '../../src/core/render/lessonRenderer';
import { cardDocs, lessonDocs } from '../../src/core/search/searchDocs';
import { SearchIndex, snippet, words } from '../../src/core/search/searchIndex';
import { ContentIndex } from '../../src/core/content/contentIndex';
import type { Lesson } from '../../src/core/types';
import { MemorySource } from './memorySource';

const lesson = (id: string, title: string): Lesson => ({
  id, title, track: 't', stage: 's', summary: `About ${title}.`, status: 'published', prerequisites: [], tags: ['tag-one'], sources: [],
  file: `/c/${id}.md`, bodyLine: 10, fieldLines: {}, codeRefs: [],
});

const BODY = [
  'Intro text about caches.',
  '',
  '## Why $\\sqrt{d_k}$ **matters**',
  '',
  'Scaling keeps the softmax from saturating.',
  '',
  '```python',
  '## not a heading',
  'x = softmax(q @ k.T)',
  '```',
  '',
  '## Sizing',
  '',
  'The KV cache of Llama-2-7B takes 512 KiB per token.',
  '',
  '### Sizing',
  '',
  'A second sizing section, with attention sinks.',
].join('\n');

/** The sections of a body as a plain line-by-line reading finds them: headings, prose lines, fences skipped. */
function referenceSections(body: string): { heading?: string; words: string[] }[] {
  const out: { heading?: string; words: string[] }[] = [{ words: [] }];
  let fence: string | undefined;
  for (const line of body.split('\n')) {
    const f = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (fence) {
      if (f && f[1][0] === fence[0] && f[1].length >= fence.length) fence = undefined;
      continue;
    }
    if (f) {
      fence = f[1];
      continue;
    }
    const h = /^\s{0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$/.exec(line);
    if (h) out.push({ heading: h[2], words: [] });
    else out[out.length - 1].words.push(...words(line));
  }
  return out;
}

describe('search documents', () => {
  it('finds the same sections and words as a line-by-line reading, over random bodies', () => {
    const lines = ['## Alpha', '### Beta gamma ##', '   # Indented', '    # four spaces: not a heading', '```', '```python', '~~~', '````', '  ```', 'prose one two', 'more words here', '', '#nospace', '`inline` code', '~ tilde', 'x', '\t## Tabbed', ' \t```', '\t\t\t\t# four tabs: not a heading'];
    let seed = 11;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let k = 0; k < 3000; k++) {
      const body = Array.from({ length: rand(14) }, () => lines[rand(lines.length)]).join(rand(4) ? '\n' : '\r\n');
      const docs = lessonDocs(lesson('r', 'R'), body);
      const ref = referenceSections(body);
      const intro = words(docs[0].text).slice(words('About R. tag-one').length);
      expect(intro, body).toEqual(ref[0].words);
      expect(docs.slice(1).map((d) => [d.title, words(d.text)]), body).toEqual(ref.slice(1).map((r) => [r.heading, r.words]));
    }
  });


  it('splits a lesson into sections with the heading ids the renderer gives them', () => {
    const docs = lessonDocs(lesson('a', 'Attention'), BODY);
    expect(docs.map((d) => [d.kind, d.title, d.anchor])).toEqual([
      ['lesson', 'Attention', undefined],
      ['section', 'Why \\sqrt{d_k} matters', expect.any(String)],
      ['section', 'Sizing', expect.any(String)],
      ['section', 'Sizing', expect.any(String)],
    ]);
    const rendered = new LessonRenderer().render(BODY);
    expect(docs.slice(1).map((d) => d.anchor)).toEqual(rendered.outline.map((o) => o.id));
    expect(docs[0].text).toContain('Intro text about caches');
    expect(docs[0].text).toContain('tag-one');
    // code blocks are not searched, and a `##` line inside one is not a heading
    expect(docs[1].text).not.toContain('softmax(q');
  });

  it('makes one document per card, deletions shown', () => {
    const src = new MemorySource({
      '/c/roadmap.yaml': 'id: t\ntitle: T\nstages:\n  - id: s\n    title: S\n    lessons: [a]\n',
      '/c/a.md': '---\nid: a\ntitle: A\ntrack: t\nstage: s\nsummary: x\nstatus: published\nminutes: 5\n---\nBody.\n',
      '/c/a.deck.md': '---\nid: d\nlesson: a\n---\n## c1\ntype: cloze\ncategory: concept\n\nThe {{c1::attention sink}} keeps the first tokens.\n',
    });
    const index = new ContentIndex(src);
    index.loadRoots(['/c']);
    const docs = cardDocs(index.catalog);
    expect(docs).toMatchObject([{ kind: 'card', cardId: expect.any(String), lessonId: 'a' }]);
    // shown plain: the front with its deletion hidden, the text with it revealed
    expect(docs[0].display!()).toEqual({ title: 'The […] keeps the first tokens.', text: 'The attention sink keeps the first tokens. ' .trim() });
    const hit = SearchIndex.build(docs).search('sink')[0];
    expect(hit.title).toBe('The […] keeps the first tokens.');
    expect(hit.snippet.marks.map(([a, b]) => hit.snippet.text.slice(a, b))).toEqual(['sink']);
  });
});

describe('the search index', () => {
  const docs = [
    ...lessonDocs(lesson('a', 'Attention'), BODY),
    ...lessonDocs(lesson('b', 'KV cache'), '## Paging\n\nBlocks of sixteen tokens, like pages of virtual memory. The cache grows.\n'),
    { kind: 'card' as const, cardId: 'c1', lessonId: 'b', title: 'What is paged?', text: 'What is paged? The KV cache, in blocks.' },
  ];
  const index = SearchIndex.build(docs);

  it('finds prose, headings and cards; every word must match, as a prefix', () => {
    const titles = (q: string) => index.search(q).map((h) => `${h.doc.lessonId}:${h.title}`);
    expect(titles('attention sinks')).toEqual(['a:Sizing']);
    expect(titles('saturat')).toEqual(['a:Why \\sqrt{d_k} matters']);
    expect(titles('kv cache')).toContain('b:KV cache');
    expect(titles('kv cache')).toContain('b:What is paged?');
    expect(titles('kv cache llama')).toEqual(['a:Sizing']);
    expect(titles('nothing-like-this')).toEqual([]);
    expect(titles('   ')).toEqual([]);
  });

  it('ranks a heading or title match above a passing mention', () => {
    const hits = index.search('paging');
    expect(hits[0].title).toBe('Paging');
    expect(index.search('cache')[0].title).toBe('KV cache');
  });

  it('quotes the text around the first match and marks every matched word', () => {
    const hit = index.search('virtual mem')[0];
    const { text, marks } = hit.snippet;
    expect(marks.map(([a, b]) => text.slice(a, b))).toEqual(['virtual', 'memory']);
    const long = snippet(`${'filler '.repeat(40)}the attention sink appears here ${'more '.repeat(40)}`, ['sink']);
    expect(long.text.startsWith('…')).toBe(true);
    expect(long.text.endsWith('…')).toBe(true);
    expect(long.marks.map(([a, b]) => long.text.slice(a, b))).toEqual(['sink']);
  });

  it('keeps every word apart through table growth and hash collisions, in any script', () => {
    // 8 words a document: 48,000 postings, past the collector's first chunk of 32,768 (and "part"
    // repeats in the text, counted in place even when its first posting is in an earlier chunk)
    const many = Array.from({ length: 6000 }, (_, i) => ({ kind: 'section' as const, title: `Part ${i}`, text: `word${i}x shared Ünïcode${i % 7} кэш${i % 3} alpha${i % 11} beta${i % 13} part` }));
    const big = SearchIndex.build(many);
    for (const i of [0, 1, 777, 4095, 4096, 5999]) expect(big.search(`word${i}x`, 5).map((h) => h.title)).toEqual([`Part ${i}`]);
    expect(big.search('shared', 10_000)).toHaveLength(6000);
    expect(big.search('beta12', 10_000)).toHaveLength(461);
    // the title's "part" (weight 4) and the text's (1) make one posting of 5: same score for every document
    expect(new Set(big.search('part', 10_000).map((h) => h.score.toFixed(9))).size).toBe(1);
    expect(big.search('ünïcode3', 10_000)).toHaveLength(857);
    expect(big.search('КЭШ2', 10_000)).toHaveLength(2000);
    // a prefix reaches every word that starts with it (up to the expansion cap)
    expect(big.search('word599', 100).map((h) => h.title).sort()).toEqual(['Part 599', 'Part 5990', 'Part 5991', 'Part 5992', 'Part 5993', 'Part 5994', 'Part 5995', 'Part 5996', 'Part 5997', 'Part 5998', 'Part 5999']);
  });

  it('splits words on anything but letters and digits, lowercased, leaving out single letters', () => {
    expect(words('Llama-2-7B’s KV-cache: 512 KiB, d_k')).toEqual(['llama', '2', '7b', 'kv', 'cache', '512', 'kib']);
  });
});
