import { diag, type ContentDiagnostic } from '../diagnostics';
import type { LessonRenderer } from '../render/lessonRenderer';
import type { Deck } from '../types';
import type { Catalog } from './contentIndex';
import { cardFaces, clozeNoteFaces } from './cardText';
import { parseFrontMatter } from './frontMatter';

/** What a content file defines, as far as the render check needs to know (plain data: it crosses to a worker). */
export interface RenderCheckTarget {
  lesson: boolean;
  deck?: Deck;
}

/**
 * Checks that need rendering (math that KaTeX cannot parse, links to unknown lessons), for one file.
 * Kept apart from indexing because it costs a render per lesson: the host runs it after the tree shows.
 */
export function checkRenderedFile(catalog: Catalog, file: string, text: string, renderer: LessonRenderer): ContentDiagnostic[] {
  const { lesson, deck } = catalog.byFile.get(file) ?? {};
  return checkRendered(file, text, { lesson: !!lesson, deck }, (id) => catalog.lessons.has(id), renderer);
}

/**
 * The render check itself. `progress` is told the file line about to be rendered, so a caller that
 * stops a check over its time budget can say where it stopped.
 */
export function checkRendered(file: string, text: string, target: RenderCheckTarget, lessonExists: (id: string) => boolean,
  renderer: LessonRenderer, progress: (line: number) => void = () => {}): ContentDiagnostic[] {
  const out: ContentDiagnostic[] = [];
  if (target.lesson) {
    const fm = parseFrontMatter(file, text, []);
    if (!fm) return out;
    progress(fm.bodyLine);
    const r = renderer.render(fm.body, { firstLine: fm.bodyLine, lessonExists, progress, checkExplorations: true });
    for (const p of r.problems) out.push(diag(file, p.line, p.code, p.message));
    return out;
  }
  if (target.deck) {
    const checkedNotes = new Set<string>();
    for (const card of target.deck.cards) {
      // the cards of a cloze note differ only in which deletion is hidden: check the note once
      if (card.type === 'cloze') {
        if (checkedNotes.has(card.noteId)) continue;
        checkedNotes.add(card.noteId);
      }
      progress(card.line);
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
