import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { dump, load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { parseDeck } from '../../src/core/content/deckParser';
import { parseLesson } from '../../src/core/content/lessonParser';
import { parseRoadmap } from '../../src/core/content/roadmapParser';

const root = path.resolve(__dirname, '..', '..');
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const schema = (name: string) => ajv.compile(JSON.parse(readFileSync(path.join(root, 'schemas', `${name}.schema.json`), 'utf8')));
const roadmap = schema('roadmap');
const lesson = schema('lesson');
const deck = schema('deck');
const card = schema('card');
const sources = schema('sources');

function walk(dir: string): string[] {
  let out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out = out.concat(walk(p));
    else out.push(p);
  }
  return out;
}

const frontmatter = (text: string) => load(/^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1] ?? '') ?? {};
const contentFiles = [...walk(path.join(root, 'content')), ...walk(path.join(root, 'test', 'fixtures', 'workspace', 'lessons'))]
  .filter((f) => !f.endsWith('broken.md'));

describe('JSON Schemas', () => {
  it('accept every bundled and fixture content file', () => {
    const failures: string[] = [];
    const check = (f: string, v: ReturnType<typeof schema>, data: unknown) => {
      if (!v(data)) failures.push(`${path.relative(root, f)}: ${ajv.errorsText(v.errors)}`);
    };
    for (const f of contentFiles) {
      const text = readFileSync(f, 'utf8');
      const name = path.basename(f);
      if (name === 'roadmap.yaml') check(f, roadmap, load(text));
      else if (name === 'sources.yaml') check(f, sources, load(text));
      else if (name.endsWith('.deck.md')) {
        check(f, deck, frontmatter(text));
        for (const m of text.matchAll(/^## [^\n]+\n((?:[^\n]+\n)+?)\n/gm)) check(f, card, load(m[1]));
      } else if (name.endsWith('.md')) check(f, lesson, frontmatter(text));
    }
    expect(failures).toEqual([]);
  });

  // the schemas (editor support, docs) and the parsers (the extension) must agree
  const base = { id: 'a', title: 'A', track: 't', stage: 's', summary: 'S.', status: 'published', minutes: 5 };
  const lessonCases: [string, Record<string, unknown>][] = [
    ['valid', base],
    ['unknown key', { ...base, colour: 'red' }],
    ['bad id', { ...base, id: 'Not An Id' }],
    ['published without minutes', { ...base, minutes: undefined }],
    ['planned without minutes', { ...base, status: 'planned', minutes: undefined }],
    ['bad status', { ...base, status: 'draft' }],
    ['bad arxiv', { ...base, sources: [{ title: 'P', arxiv: '17.06' }] }],
    ['good sources', { ...base, sources: [{ title: 'P', arxiv: '1706.03762' }, { title: 'W', url: 'https://x.org/a' }, { title: 'R', repo: 'openhands', path: 'a.py' }] }],
    ['source without kind', { ...base, sources: [{ title: 'P' }] }],
  ];
  it.each(lessonCases)('lesson schema and parser agree: %s', (_, fm) => {
    const clean = Object.fromEntries(Object.entries(fm).filter(([, v]) => v !== undefined));
    const text = `---\n${dump(clean)}---\nBody.\n`;
    const parserOk = parseLesson('x.md', text).diagnostics.length === 0;
    expect(lesson(clean)).toBe(parserOk);
  });

  const cardCases: [string, string][] = [
    ['basic', 'type: basic\ncategory: concept'],
    ['unknown type', 'type: essay\ncategory: concept'],
    ['missing category', 'type: basic'],
    ['numeric', 'type: numeric\ncategory: equation\nanswer: 2 * n\nparams:\n  n: {min: 1, max: 3}\ntolerance: 2%\nunit: GiB'],
    ['numeric without answer', 'type: numeric\ncategory: equation'],
    ['answer on a basic card', 'type: basic\ncategory: concept\nanswer: 3'],
    ['unknown key', 'type: basic\ncategory: concept\nhint: x'],
  ];
  it.each(cardCases)('card schema and parser agree: %s', (_, attrs) => {
    const r = parseDeck('d.deck.md', `---\nid: d\nlesson: l\n---\n## c1\n${attrs}\n\nQ\n?\nA\n`);
    expect(card(load(attrs))).toBe(r.diagnostics.length === 0);
  });

  it.each([
    ['valid', 'id: t\ntitle: T\nstages:\n  - id: s\n    title: S\n    lessons: [a]\n', true],
    ['unknown stage key', 'id: t\ntitle: T\nstages:\n  - id: s\n    title: S\n    lesons: [a]\n', false],
    ['no stages', 'id: t\ntitle: T\nstages: 3\n', false],
  ] as const)('roadmap schema and parser agree: %s', (_, text, ok) => {
    expect(roadmap(load(text))).toBe(ok);
    expect(parseRoadmap('r.yaml', text).diagnostics.length === 0).toBe(ok);
  });

  it('deck needs exactly one of lesson and stage', () => {
    expect(deck({ id: 'd', lesson: 'l' })).toBe(true);
    expect(deck({ id: 'd' })).toBe(false);
    expect(deck({ id: 'd', lesson: 'l', stage: 's' })).toBe(false);
  });
});
