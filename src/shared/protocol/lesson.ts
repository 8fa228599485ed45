import { parseReviewMessage, type CardView, type RevealView } from './review';
import { parseCodeBlockMessage, type CodeBlockFromWebview, type CodeBlockToWebview } from './codeBlock';

/** An anchor that names a code reference (`code-ref:code:repo/path#Symbol`): the lesson opens at the paragraph citing it. */
export const CODE_REF_ANCHOR = 'code-ref:';

/** Messages between the lesson webview and the host. Host→webview are past-tense notifications. */

export interface LessonLinkView {
  id: string;
  title: string;
  status: 'published' | 'planned';
  read: boolean;
}

export interface SourceView {
  title: string;
  /** e.g. "Vaswani et al., 2017 · arXiv:1706.03762" or "openhands: openhands/events/stream.py @ d39f7ae". */
  detail: string;
  url?: string;
}

export interface OutlineEntry {
  level: number;
  text: string;
  id: string;
}

export interface LessonView {
  id: string;
  title: string;
  trackTitle: string;
  stageTitle: string;
  summary: string;
  minutes?: number;
  tags: string[];
  cardCount: number;
  html: string;
  outline: OutlineEntry[];
  hasMermaid: boolean;
  prerequisites: LessonLinkView[];
  sources: SourceView[];
  prev?: LessonLinkView;
  next?: LessonLinkView;
  read: boolean;
  /** Scroll position as a fraction of the scrollable height, restored on open. */
  scroll: number;
  /** Heading id to scroll to instead (a `lesson:id#heading` link, a search result). */
  anchor?: string;
  /** Words to mark in that section (or the whole lesson without an anchor): a search's query words. */
  highlight?: string[];
  /** Lessons this one links to that are only planned (their links are shown as such). */
  plannedLinks?: string[];
}

/** A card of a review area: open (new or due) with its face, or remembered until its next review. */
export interface RecallCardView {
  id: string;
  state: 'open' | 'later';
  /** Open cards: the face to show. Remembered ones: the same, for the collapsed line. */
  card: CardView;
  /** Remembered cards: "next in 9 days". */
  next?: string;
}

/** A review area of the lesson, named by its fence's file line (the page's `section[data-line]`). */
export interface RecallAreaView {
  line: number;
  cards: RecallCardView[];
}

/** How a code reference resolves for this learner: opens in a checkout, needs a checkout, or cannot resolve (with why). */
export interface CodeRefStatus {
  state: 'ok' | 'no-checkout' | 'missing';
  why?: string;
}

export type LessonToWebview =
  | { type: 'didLoadLesson'; lesson: LessonView }
  | { type: 'didResolveCodeRefs'; statuses: Record<string, CodeRefStatus> }
  | { type: 'didChangeRead'; read: boolean }
  | { type: 'didLoadRecall'; areas: RecallAreaView[] }
  | { type: 'didRevealRecall'; cardId: string; reveal: RevealView }
  /** A rating was recorded: when the card is next due, and whether it can be undone from the page. */
  | { type: 'didRateRecall'; cardId: string; rating: 1 | 2 | 3 | 4; next: string; canUndo: boolean }
  /** A rating was undone: the card is open again with a new face. */
  | { type: 'didUndoRecall'; cardId: string; card: CardView }
  | { type: 'didFail'; message: string }
  | CodeBlockToWebview;

export type LessonFromWebview =
  | { type: 'ready' }
  | { type: 'openLesson'; lessonId: string; anchor?: string }
  | { type: 'openExternal'; url: string }
  /** Both name the lesson the page shows: a panel that moved on to another lesson ignores them. */
  | { type: 'setRead'; lessonId: string; read: boolean }
  | { type: 'saveScroll'; lessonId: string; fraction: number }
  | { type: 'reviewLesson' }
  | { type: 'openCodeRef'; url: string }
  | { type: 'recallReveal'; cardId: string; answer?: string; order?: string[] }
  | { type: 'recallRate'; cardId: string; rating: 1 | 2 | 3 | 4 }
  | { type: 'recallUndo'; cardId: string }
  | { type: 'reportError'; message: string }
  | CodeBlockFromWebview;

/** Webview state kept by VS Code across reloads (restored by the panel serializer). */
export interface LessonWebviewState {
  lessonId: string;
  scroll?: number;
}

const ID = /^[a-z0-9][a-z0-9-]{0,127}$/;
const ANCHOR = /^[\w-]{1,200}$/;

/** Validate an untrusted message from the webview; returns undefined when it is not one of ours. */
export function parseLessonMessage(raw: unknown): LessonFromWebview | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const m = raw as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
    case 'reviewLesson':
      return { type: m.type };
    case 'openLesson':
      if (typeof m.lessonId !== 'string' || !ID.test(m.lessonId)) return undefined;
      if (m.anchor !== undefined && (typeof m.anchor !== 'string' || !ANCHOR.test(m.anchor))) return undefined;
      return { type: 'openLesson', lessonId: m.lessonId, anchor: m.anchor as string | undefined };
    case 'openExternal':
      if (typeof m.url !== 'string' || m.url.length > 2048 || !/^https?:\/\/[^\s]+$/i.test(m.url)) return undefined;
      return { type: 'openExternal', url: m.url };
    case 'openCodeRef':
      return typeof m.url === 'string' && m.url.length < 1000 && m.url.startsWith('code:') ? { type: 'openCodeRef', url: m.url } : undefined;
    case 'setRead':
      if (typeof m.lessonId !== 'string' || !ID.test(m.lessonId)) return undefined;
      return typeof m.read === 'boolean' ? { type: 'setRead', lessonId: m.lessonId, read: m.read } : undefined;
    case 'saveScroll':
      if (typeof m.lessonId !== 'string' || !ID.test(m.lessonId)) return undefined;
      return typeof m.fraction === 'number' && m.fraction >= 0 && m.fraction <= 1 ? { type: 'saveScroll', lessonId: m.lessonId, fraction: m.fraction } : undefined;
    case 'recallReveal':
    case 'recallRate':
    case 'recallUndo': {
      // the same rules as the review panel's messages; the host also checks the card is in this lesson's areas
      const r = parseReviewMessage({ ...m, type: m.type === 'recallReveal' ? 'reveal' : m.type === 'recallRate' ? 'rate' : 'skip' });
      if (!r || !('cardId' in r)) return undefined;
      if (r.type === 'reveal') return { type: 'recallReveal', cardId: r.cardId, answer: r.answer, order: r.order };
      if (r.type === 'rate') return { type: 'recallRate', cardId: r.cardId, rating: r.rating };
      return { type: 'recallUndo', cardId: r.cardId };
    }
    case 'reportError':
      return typeof m.message === 'string' ? { type: 'reportError', message: m.message.slice(0, 2000) } : undefined;
    default:
      return parseCodeBlockMessage(m);
  }
}

export function isLessonWebviewState(raw: unknown): raw is LessonWebviewState {
  return typeof raw === 'object' && raw !== null && typeof (raw as LessonWebviewState).lessonId === 'string' && ID.test((raw as LessonWebviewState).lessonId);
}
