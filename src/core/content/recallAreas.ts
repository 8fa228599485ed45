import { diag, type ContentDiagnostic } from '../diagnostics';
import type { Card, Deck, Lesson } from '../types';

/** A review area as written in a lesson: a ```recall fence listing card ids, one per line. */
export interface RecallAreaSource {
  /** File line of the opening fence (the renderer marks the area's place with the same line). */
  line: number;
  entries: { id: string; line: number }[];
}

/** A review area with its entries resolved to card ids (a cloze note stands for all its deletions). */
export interface RecallArea {
  line: number;
  cardIds: string[];
}

const FENCE = /^ {0,3}(`{3,}|~{3,})[ \t]*([^\s`]*)/;

/**
 * The review areas of a lesson body: top-level ```recall (or ~~~recall) fences, found by a line scan
 * that follows CommonMark's fence rules closely enough to skip recall fences shown inside other
 * fences (the authoring guide's examples). Fences nested in lists or quotes are not areas; the
 * renderer reports them.
 */
export function findRecallAreas(body: string, firstLine: number): RecallAreaSource[] {
  const areas: RecallAreaSource[] = [];
  if (!body.includes('recall')) return areas;
  const lines = body.split('\n');
  let open: { marker: string; area?: RecallAreaSource } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i].replace(/\r$/, '');
    const m = FENCE.exec(text);
    if (open) {
      const closing = m && m[1][0] === open.marker[0] && m[1].length >= open.marker.length && text.trim() === m[1];
      if (closing) open = undefined;
      else if (open.area) {
        const id = text.trim();
        if (id && !id.startsWith('#')) open.area.entries.push({ id, line: firstLine + i });
      }
      continue;
    }
    if (!m) continue;
    // a backtick fence's info string may not contain backticks (CommonMark): such a line is not a fence
    if (m[1][0] === '`' && text.slice(text.indexOf(m[1]) + m[1].length).includes('`')) continue;
    const area = m[2] === 'recall' ? { line: firstLine + i, entries: [] } : undefined;
    if (area) areas.push(area);
    open = { marker: m[1], area };
  }
  return areas;
}

/**
 * Resolve a lesson's review areas against its decks, reporting (file:line) what cannot work: an area
 * in a lesson without a deck, an empty area, an unknown card, and a card placed in two areas.
 */
export function resolveRecallAreas(lesson: Lesson, decks: readonly Deck[] | undefined, cards: ReadonlyMap<string, Card>,
  out: ContentDiagnostic[]): RecallArea[] {
  const areas: RecallArea[] = [];
  if (!lesson.recallAreas?.length) return areas;
  const own = new Map<string, string[]>();
  for (const d of decks ?? []) {
    for (const c of d.cards) {
      own.set(c.id, [c.id]);
      if (c.id !== c.noteId) own.set(c.noteId, [...(own.get(c.noteId) ?? []), c.id]);
    }
  }
  const placedAt = new Map<string, number>();
  for (const a of lesson.recallAreas) {
    if (!decks?.length) {
      out.push(diag(lesson.file, a.line, 'recall.no-deck', `a review area needs a deck for this lesson (a deck file with \`lesson: ${lesson.id}\`)`));
      continue;
    }
    if (!a.entries.length) {
      out.push(diag(lesson.file, a.line, 'recall.empty', 'this review area lists no cards: write one card id per line'));
      continue;
    }
    const ids: string[] = [];
    for (const e of a.entries) {
      const resolved = own.get(e.id);
      if (!resolved) {
        const elsewhere = cards.get(e.id);
        const hint = elsewhere ? `: it belongs to deck "${elsewhere.deckId}", not to a deck of this lesson` : ` in the decks of this lesson (${decks.map((d) => d.id).join(', ')})`;
        out.push(diag(lesson.file, e.line, 'recall.unknown-card', `review area: no card "${e.id}"${hint}`));
        continue;
      }
      for (const id of resolved) {
        const prior = placedAt.get(id);
        if (prior !== undefined) {
          out.push(diag(lesson.file, e.line, 'recall.duplicate-card', `card "${id}" is already in the review area at line ${prior}: a card belongs to one area`));
          continue;
        }
        placedAt.set(id, e.line);
        ids.push(id);
      }
    }
    if (ids.length) areas.push({ line: a.line, cardIds: ids });
  }
  return areas;
}

/**
 * Where a card rated Again in a review area comes back, the way a forgotten prompt is retried: in the
 * next area of the lesson that follows it on the page, or at the end of the last one.
 */
export function retryArea(areaLines: readonly number[], from: number): number {
  const i = areaLines.indexOf(from);
  if (i === -1) return from;
  return areaLines[Math.min(i + 1, areaLines.length - 1)];
}
