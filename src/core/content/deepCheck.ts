import { diag, type ContentDiagnostic } from '../diagnostics';
import type { LessonRenderer } from '../render/lessonRenderer';
import type { Catalog } from './contentIndex';
import { cardFaces, clozeNoteFaces } from './cardText';
import { parseFrontMatter } from './frontMatter';

/**
 * Checks that need rendering (math that KaTeX cannot parse, links to unknown lessons), for one file.
 * Kept apart from indexing because it costs a render per lesson: the host runs it after the tree shows.
 */
export function checkRenderedFile(catalog: Catalog, file: string, text: string, renderer: LessonRenderer): ContentDiagnostic[] {
  const out: ContentDiagnostic[] = [];
  const lessonExists = (id: string) => catalog.lessons.has(id);
  const { lesson, deck } = catalog.byFile.get(file) ?? {};
  if (lesson) {
    const fm = parseFrontMatter(file, text, []);
    if (!fm) return out;
    const r = renderer.render(fm.body, { firstLine: fm.bodyLine, lessonExists });
    for (const p of r.problems) out.push(diag(file, p.line, p.code, p.message));
    return out;
  }
  if (deck) {
    const checkedNotes = new Set<string>();
    for (const card of deck.cards) {
      // the cards of a cloze note differ only in which deletion is hidden: check the note once
      if (card.type === 'cloze') {
        if (checkedNotes.has(card.noteId)) continue;
        checkedNotes.add(card.noteId);
      }
      let faces;
      try {
        faces = card.type === 'cloze' ? clozeNoteFaces(card) : cardFaces(card);
      } catch (e) {
        out.push(diag(file, card.line, 'card.numeric', `card ${card.noteId}: ${(e as Error).message}`));
        continue;
      }
      const texts = [faces.front, faces.back, ...(card.trace?.steps ?? [])];
      for (const t of texts) {
        for (const p of renderer.render(t, { lessonExists }).problems) out.push(diag(file, card.line, p.code, `card ${card.noteId}: ${p.message}`));
      }
    }
  }
  return out;
}
