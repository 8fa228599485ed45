import type { Catalog } from '../content/contentIndex';
import { headingId, slugify } from '../render/slug';
import { plainText } from '../text/markdownText';
import type { Lesson } from '../types';
import type { SearchDoc } from './searchIndex';

const FENCE = /^\s{0,3}(`{3,}|~{3,})/;
const HEADING = /^\s{0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$/;

/**
 * A lesson as search documents: its title block (title, summary, tags) and one document per
 * section, each with the heading id the renderer gives that heading (same slug, same numbering of
 * repeated headings), so a result opens the lesson scrolled to it.
 */
export function lessonDocs(lesson: Lesson, body: string): SearchDoc[] {
  const docs: SearchDoc[] = [{ kind: 'lesson', lessonId: lesson.id, title: lesson.title, text: `${lesson.summary} ${lesson.tags.join(' ')}` }];
  const slugs = new Map<string, number>();
  let section: { heading: string; anchor: string } | undefined;
  let lines: string[] = [];
  const flush = () => {
    // searched as markdown (punctuation separates words); quoted as plain text, made only for results
    const text = lines.join('\n');
    if (section) {
      const title = section.heading;
      docs.push({ kind: 'section', lessonId: lesson.id, anchor: section.anchor, title, text, display: once(() => ({ title, text: plainText(text) })) });
    } else if (text.trim()) {
      const intro = `${docs[0].text} ${text}`;
      docs[0].text = intro;
      docs[0].display = once(() => ({ title: lesson.title, text: plainText(intro) }));
    }
    lines = [];
  };
  let fence: string | undefined;
  for (const line of body.split('\n')) {
    const f = FENCE.exec(line);
    // code blocks (and diagrams) are not searched: prose, headings and cards are
    if (fence) {
      if (f && f[1][0] === fence[0] && f[1].length >= fence.length) fence = undefined;
      continue;
    }
    if (f) {
      fence = f[1];
      continue;
    }
    const h = HEADING.exec(line);
    if (!h) {
      lines.push(line);
      continue;
    }
    flush();
    const heading = plainText(h[2]);
    let slug = slugify(heading) || 'section';
    const n = slugs.get(slug) ?? 0;
    slugs.set(slug, n + 1);
    if (n > 0) slug = `${slug}-${n}`;
    section = { heading, anchor: headingId(slug) };
  }
  flush();
  return docs;
}

/** Every card as a search document: its front as the title, front and back (deletions shown) as the text. */
export function cardDocs(catalog: Catalog): SearchDoc[] {
  const docs: SearchDoc[] = [];
  for (const card of catalog.cards.values()) {
    const deck = catalog.decks.get(card.deckId);
    // searched as written (cloze markup and all: its braces separate words); made plain only for results
    const back = card.trace ? card.trace.steps.concat(card.trace.note).join('\n') : card.back;
    const text = `${card.front}\n${back}`;
    docs.push({
      kind: 'card', cardId: card.id, lessonId: deck?.lesson, title: card.front, text,
      display: once(() => ({ title: plainText(card.front), text: plainText(text, { reveal: true }) })),
    });
  }
  return docs;
}

function once<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}
