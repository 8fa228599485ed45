import type { Catalog } from '../content/contentIndex';
import { headingId, slugify } from '../render/slug';
import { plainText } from '../text/markdownText';
import type { Lesson } from '../types';
import type { SearchDoc } from './searchIndex';

const FENCE = /^\s{0,3}(`{3,}|~{3,})/;
const HEADING = /^\s{0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$/;
/** At a line's start (sticky): the indent FENCE and HEADING allow, then the mark either needs. */
const MARK = /[^\S\n]{0,3}[#`~]/y;

/**
 * A lesson as search documents: its title block (title, summary, tags) and one document per
 * section, each with the heading id the renderer gives that heading (same slug, same numbering of
 * repeated headings), so a result opens the lesson scrolled to it.
 */
export function lessonDocs(lesson: Lesson, body: string): SearchDoc[] {
  const docs: LessonDoc[] = [new LessonDoc('lesson', lesson.id, lesson.title, `${lesson.summary} ${lesson.tags.join(' ')}`)];
  const slugs = new Map<string, number>();
  let section: { heading: string; anchor: string } | undefined;
  // a section's text is the body between its heading and the next, less any code blocks: kept as
  // slices of the body (no copy) and joined only when a code block splits it
  let pieces: string[] = [];
  let from = 0;
  const cut = (to: number) => {
    if (to > from) pieces.push(body.slice(from, to));
  };
  const flush = (to: number) => {
    cut(to);
    const text = pieces.length === 1 ? pieces[0] : pieces.join('\n');
    if (section) docs.push(new LessonDoc('section', lesson.id, section.heading, text, section.anchor));
    else if (text.trim()) docs[0].text = `${docs[0].text} ${text}`;
    pieces = [];
  };
  let fence: string | undefined;
  for (let at = 0; at < body.length; ) {
    const eol = body.indexOf('\n', at);
    const next = eol === -1 ? body.length : eol + 1;
    const lineStart = at;
    at = next;
    // only a line whose first mark (after the indent FENCE and HEADING allow) is #, ` or ~ can open or close anything
    MARK.lastIndex = lineStart;
    if (!MARK.test(body)) {
      if (fence) from = next;
      continue;
    }
    const line = body.slice(lineStart, eol === -1 ? body.length : eol);
    const f = FENCE.exec(line);
    // code blocks (and diagrams) are not searched: prose, headings and cards are
    if (fence) {
      if (f && f[1][0] === fence[0] && f[1].length >= fence.length) fence = undefined;
      from = next;
      continue;
    }
    if (f) {
      fence = f[1];
      cut(lineStart);
      from = next;
      continue;
    }
    const h = HEADING.exec(line);
    if (!h) continue;
    flush(lineStart);
    from = next;
    const heading = plainText(h[2]);
    let slug = slugify(heading) || 'section';
    const n = slugs.get(slug) ?? 0;
    slugs.set(slug, n + 1);
    if (n > 0) slug = `${slug}-${n}`;
    section = { heading, anchor: headingId(slug) };
  }
  flush(body.length);
  return docs;
}

/**
 * A lesson's title block or one of its sections. Its text is searched as markdown (punctuation
 * separates words) and shown as plain text, made only for the documents a query returns (a class
 * rather than closures: an index of 10,000 lessons holds 40,000 of these).
 */
class LessonDoc implements SearchDoc {
  private shown?: { title: string; text: string };

  constructor(
    readonly kind: 'lesson' | 'section',
    readonly lessonId: string,
    readonly title: string,
    public text: string,
    readonly anchor?: string,
  ) {}

  display(): { title: string; text: string } {
    return (this.shown ??= { title: this.title, text: plainText(this.text) });
  }
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
