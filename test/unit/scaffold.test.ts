import { describe, expect, it } from 'vitest';
import { ContentIndex } from '../../src/core/content/contentIndex';
import { scaffoldContentRoot, slugify } from '../../src/core/content/scaffold';
import { MemorySource } from './memorySource';

describe('New Content Root scaffold', () => {
  it('produces a track, a lesson and a deck that pass the content check with every card type', () => {
    const files = scaffoldContentRoot('My Own Track: Agents!');
    const index = new ContentIndex(new MemorySource(Object.fromEntries(files.map((f) => [`/root/${f.path}`, f.text]))));
    index.loadRoots(['/root']);
    const c = index.catalog;
    expect(c.diagnostics).toEqual([]);
    expect(c.tracks.map((t) => t.id)).toEqual(['my-own-track-agents']);
    expect([...c.lessons.values()].map((l) => l.status)).toEqual(['published']);
    expect(new Set([...c.cards.values()].map((card) => card.type))).toEqual(new Set(['basic', 'cloze', 'numeric', 'trace']));
  });

  it('makes ids from any title', () => {
    expect(slugify('  Ünïcode & Spaces  ')).toBe('unicode-spaces');
    expect(slugify('!!!')).toBe('my-track');
  });
});
