import type { Catalog } from '../content/contentIndex';
import type { CodeRef } from './codeRef';

/** Who references a file: a lesson (by id) or a card (by id, with its lesson when the deck has one). */
export interface RefUser {
  kind: 'lesson' | 'card';
  id: string;
  lessonId?: string;
  ref: CodeRef;
  /** The reference as written (`code:repo/path#Symbol`): finds the paragraph that holds it. */
  url: string;
}

/** `repo/path` → everything in the content that references that file. Built once per catalog. */
export function buildRefIndex(c: Catalog): Map<string, RefUser[]> {
  const out = new Map<string, RefUser[]>();
  const add = (u: RefUser) => {
    const key = `${u.ref.repo}/${u.ref.path}`;
    const list = out.get(key);
    if (list) list.push(u);
    else out.set(key, [u]);
  };
  for (const l of c.lessons.values()) for (const r of l.codeRefs) add({ kind: 'lesson', id: l.id, lessonId: l.id, ref: r.ref, url: r.url });
  for (const card of c.cards.values()) {
    const lessonId = c.decks.get(card.deckId)?.lesson;
    for (const r of card.codeRefs) add({ kind: 'card', id: card.id, lessonId, ref: r.ref, url: r.url });
  }
  return out;
}
