import type { Catalog } from '../content/contentIndex';
import { plainText } from '../text/markdownText';
import type { RefUser } from './refIndex';

/** One row of "lessons about this file/symbol": a lesson (opened at the paragraph that cites the code) or a card. */
export interface RefPick {
  kind: 'lesson' | 'card';
  title: string;
  description: string;
  detail: string;
  /** Lesson to open, and the reference whose paragraph to show. */
  lessonId?: string;
  url?: string;
  /** A card's place in its deck, when it has no published lesson to open. */
  cardFile?: { file: string; line: number };
}

/**
 * The rows for the references `users` (already filtered to a file or a symbol): one per lesson (the
 * symbols it cites listed), one per card note (cloze deletions of one note are one row), in plain
 * text rather than card markdown.
 */
export function refPicks(c: Catalog, users: readonly RefUser[]): RefPick[] {
  const rows = new Map<string, RefPick & { symbols?: string[] }>();
  for (const u of users) {
    const sym = u.ref.symbol ?? (u.ref.lines ? `lines ${u.ref.lines.start}-${u.ref.lines.end}` : 'this file');
    if (u.kind === 'lesson') {
      const l = c.lessons.get(u.id);
      const row = rows.get(`lesson:${u.id}`);
      if (row) {
        if (!row.symbols!.includes(sym)) row.symbols!.push(sym);
        continue;
      }
      rows.set(`lesson:${u.id}`, { kind: 'lesson', title: l?.title ?? u.id, description: l?.status === 'planned' ? 'planned lesson' : 'lesson', detail: '', symbols: [sym], lessonId: l?.status === 'planned' ? undefined : u.id, url: u.url });
    } else {
      const card = c.cards.get(u.id);
      if (!card || rows.has(`card:${card.noteId}`)) continue;
      const lesson = u.lessonId ? c.lessons.get(u.lessonId) : undefined;
      rows.set(`card:${card.noteId}`, {
        kind: 'card',
        title: plainText(card.front).slice(0, 100),
        description: `${card.category} card${lesson ? ` · ${lesson.title}` : ''}`,
        detail: `references ${sym}`,
        lessonId: lesson?.status === 'published' ? lesson.id : undefined,
        url: u.url,
        cardFile: { file: card.file, line: card.line },
      });
    }
  }
  return [...rows.values()].map(({ symbols, ...row }) => (symbols ? { ...row, detail: `references ${symbols.join(', ')}` } : row));
}
