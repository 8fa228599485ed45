import type { RecallAreaSource } from './content/recallAreas';
import type { CodeRef } from './sources/codeRef';

/** Domain types of the content model. Pure data: built by the parsers, linked by the index. */

export const LESSON_STATUSES = ['published', 'planned'] as const;
export type LessonStatus = (typeof LESSON_STATUSES)[number];

export const CARD_TYPES = ['basic', 'cloze', 'numeric', 'trace'] as const;
export type CardType = (typeof CARD_TYPES)[number];

export const CARD_CATEGORIES = ['concept', 'mechanism', 'equation', 'implementation'] as const;
export type CardCategory = (typeof CARD_CATEGORIES)[number];

export type Source =
  | { kind: 'paper'; title: string; authors?: string; year?: number; arxiv: string }
  | { kind: 'web'; title: string; authors?: string; year?: number; url: string }
  | { kind: 'repo'; title: string; repo: string; path: string; commit?: string; symbol?: string };

export interface Lesson {
  id: string;
  title: string;
  track: string;
  stage: string;
  summary: string;
  status: LessonStatus;
  minutes?: number;
  prerequisites: string[];
  tags: string[];
  sources: Source[];
  file: string;
  /** 1-based line of the first body line (after the frontmatter). */
  bodyLine: number;
  /** 1-based line of each frontmatter key, for diagnostics that point at a field. */
  fieldLines: Record<string, number>;
  /** `code:` links in the body, with their file lines. */
  codeRefs: CodeRefUse[];
  /** ```recall review areas in the body, as written (resolved against the decks by the index). */
  recallAreas?: RecallAreaSource[];
}

/** A `code:` link as written in a lesson or card. */
export interface CodeRefUse {
  ref: CodeRef;
  url: string;
  line: number;
}

export interface Stage {
  id: string;
  title: string;
  summary: string;
  /** Lesson ids as listed in the roadmap file. */
  lessons: string[];
  line: number;
  lessonLines: number[];
}

export interface Track {
  id: string;
  title: string;
  summary: string;
  order: number;
  stages: Stage[];
  file: string;
  line: number;
}

export interface NumericParam {
  name: string;
  /** Explicit choices, or a range sampled on a step grid. */
  choices?: number[];
  min?: number;
  max?: number;
  step?: number;
}

export interface NumericSpec {
  answer: string;
  params: NumericParam[];
  unit?: string;
  /** Relative (fraction, e.g. 0.02) or absolute tolerance. */
  tolerance: { kind: 'relative' | 'absolute'; value: number };
  precision?: number;
}

/** One reviewable card. Cloze notes expand to one card per deletion (`<id>#cN`). */
export interface Card {
  id: string;
  /** The id written in the deck (differs from `id` only for cloze deletions). */
  noteId: string;
  deckId: string;
  type: CardType;
  category: CardCategory;
  tags: string[];
  /** Markdown source of the front and back (for cloze: the note text with deletions). */
  front: string;
  back: string;
  cloze?: { index: number };
  numeric?: NumericSpec;
  trace?: { steps: string[]; note: string };
  file: string;
  line: number;
  codeRefs: CodeRefUse[];
}

export interface Deck {
  id: string;
  title: string;
  lesson?: string;
  stage?: string;
  cards: Card[];
  file: string;
  line: number;
  fieldLines: Record<string, number>;
}
