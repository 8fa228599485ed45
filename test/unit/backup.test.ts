import { describe, expect, it } from 'vitest';
import { ContentIndex } from '../../src/core/content/contentIndex';
import { makeBackup, readBackup, toAnkiCsv } from '../../src/core/review/backup';
import { ReviewStore } from '../../src/core/review/reviewStore';
import { DEFAULT_SETTINGS, Scheduler } from '../../src/core/review/scheduler';
import { MemoryLog, MemorySnapshot } from './memoryPorts';
import { lessonFile, MemorySource } from './memorySource';

const T0 = Date.UTC(2026, 10, 1, 9);

function store(writer: string) {
  const s = new ReviewStore(new MemoryLog(), new MemorySnapshot(), undefined, new Scheduler({ ...DEFAULT_SETTINGS, fuzz: false }), writer);
  s.load();
  return s;
}

describe('backup', () => {
  it('round-trips through JSON and merges into another store without losing its newer reviews', () => {
    const a = store('a');
    a.rate('c1', 3, T0);
    a.rate('c1', 3, T0 + 600_000);
    const json = JSON.stringify(makeBackup(a.readAll(), a.all(), T0 + 1));
    const b = store('b');
    b.rate('c2', 4, T0 + 5000);
    const { entries, skipped } = readBackup(json);
    expect(skipped).toBe(0);
    expect(b.importEntries(entries)).toBe(2);
    expect(b.get('c1')).toEqual(a.get('c1'));
    expect(b.get('c2')?.reps).toBe(1);
  });

  it('rejects files that are not backups, and newer backup versions, with a clear reason', () => {
    expect(() => readBackup('not json')).toThrow(/not a JSON file/);
    expect(() => readBackup('{"hello":1}')).toThrow(/not an ML Learning Lab review backup/);
    expect(() => readBackup('{"format":"ml-learning-lab-review-backup","v":2,"entries":[]}')).toThrow(/newer/);
    const r = readBackup('{"format":"ml-learning-lab-review-backup","v":1,"entries":[{"i":"w.1","t":1,"c":"x","r":3},{"bad":true}]}');
    expect(r).toMatchObject({ skipped: 1 });
  });

  it('writes an Anki-importable CSV with headers, quoting and intervals', () => {
    const index = new ContentIndex(new MemorySource({
      '/c/roadmap.yaml': 'id: t\ntitle: T\nstages:\n  - id: s\n    title: S\n    lessons: [l]\n',
      '/c/l.md': lessonFile({ id: 'l', title: 'L', track: 't', stage: 's', summary: 'x', status: 'published', minutes: 1 }),
      '/c/l.deck.md': '---\nid: d\nlesson: l\n---\n## q1\ntype: basic\ncategory: concept\n\nWhat is "attention"?\n?\nA, weighted sum.\n',
    }));
    index.loadRoots(['/c']);
    const s = store('a');
    s.rate('q1', 3, T0);
    const csv = toAnkiCsv(index.catalog, s.all()).split('\n');
    expect(csv.slice(0, 3)).toEqual(['#separator:Comma', '#html:false', '#columns:Front,Back,Tags,Card id,Due,Interval days,Stability,Difficulty,Reps,Lapses']);
    expect(csv[3]).toMatch(/^"What is ""attention""\?","A, weighted sum\.","mllab::concept mllab::deck::d mllab::lesson::l","q1","2026-11-01",0,/);
  });
});
