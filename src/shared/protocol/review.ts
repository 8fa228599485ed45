/** Messages between the review webview and the host. The host owns the session; the webview shows it. */

export type CardCategoryName = 'concept' | 'mechanism' | 'equation' | 'implementation';

export interface CardView {
  id: string;
  /** This showing of the card (numeric parameters are drawn per showing): tells a prefetched card from a new one. */
  key: string;
  type: 'basic' | 'cloze' | 'numeric' | 'trace';
  category: CardCategoryName;
  deckTitle: string;
  lessonTitle?: string;
  frontHtml: string;
  /** Numeric cards: the unit the answer is typed in. */
  unit?: string;
  /** Trace cards: the steps in a shuffled order, to be put in order. */
  steps?: { key: string; html: string }[];
}

export interface RevealView {
  backHtml: string;
  /** Interval label each rating would give, e.g. { 1: '1m', 2: '6m', 3: '10m', 4: '4d' }. */
  intervals: Record<1 | 2 | 3 | 4, string>;
  numeric?: { ok: boolean; typed: string; expected: string };
  /** Trace cards: the reference chain and, per position, whether the learner's order matched. */
  trace?: { referenceHtml: string[]; correct: boolean[] };
}

export interface ProgressView {
  /** Distinct cards met so far, of `total` distinct cards in the session (which never grows). */
  position: number;
  total: number;
  /** Cards that come back later in this session for a learning step. */
  returning: number;
  /** The current card is one of those coming back. */
  repeat: boolean;
  canUndo: boolean;
  scope: string;
}

export interface SummaryView {
  reviewed: number;
  again: number;
  againRate: number;
  durationMs: number;
  skipped: number;
  /** Why there was nothing to review, when the queue was empty from the start. */
  emptyReason?: string;
  /** The learner ended the session before the queue was done (Esc). */
  endedEarly?: boolean;
  /** Cards left in the queue when it ended early. */
  left?: number;
}

export type ReviewToWebview =
  /** `next`: the card the session expects after this one, shown at once on a rating (the host corrects it if the session chose another). */
  | { type: 'didShowCard'; card: CardView; progress: ProgressView; next?: { card: CardView; repeat: boolean } }
  | { type: 'didReveal'; cardId: string; reveal: RevealView }
  | { type: 'didFinish'; summary: SummaryView }
  | { type: 'didFail'; message: string };

export type ReviewFromWebview =
  | { type: 'ready' }
  | { type: 'reveal'; cardId: string; answer?: string; order?: string[] }
  | { type: 'rate'; cardId: string; rating: 1 | 2 | 3 | 4 }
  | { type: 'undo' }
  | { type: 'skip'; cardId: string }
  | { type: 'openSource'; cardId: string }
  | { type: 'end' }
  | { type: 'close' }
  | { type: 'openCodeRef'; url: string }
  | { type: 'reportError'; message: string };

const CARD_ID = /^[a-z0-9][a-z0-9._#-]{0,200}$/;

/** Validate an untrusted message from the webview. */
export function parseReviewMessage(raw: unknown): ReviewFromWebview | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const m = raw as Record<string, unknown>;
  const cardOk = typeof m.cardId === 'string' && CARD_ID.test(m.cardId);
  switch (m.type) {
    case 'ready':
    case 'undo':
    case 'end':
    case 'close':
      return { type: m.type };
    case 'reveal': {
      if (!cardOk) return undefined;
      if (m.answer !== undefined && (typeof m.answer !== 'string' || m.answer.length > 200)) return undefined;
      if (m.order !== undefined && (!Array.isArray(m.order) || m.order.length > 100 || !m.order.every((k) => typeof k === 'string' && /^s\d{1,3}$/.test(k)))) return undefined;
      return { type: 'reveal', cardId: m.cardId as string, answer: m.answer as string | undefined, order: m.order as string[] | undefined };
    }
    case 'rate':
      return cardOk && (m.rating === 1 || m.rating === 2 || m.rating === 3 || m.rating === 4) ? { type: 'rate', cardId: m.cardId as string, rating: m.rating } : undefined;
    case 'skip':
    case 'openSource':
      return cardOk ? { type: m.type, cardId: m.cardId as string } : undefined;
    case 'openCodeRef':
      return typeof m.url === 'string' && m.url.length < 1000 && m.url.startsWith('code:') ? { type: 'openCodeRef', url: m.url } : undefined;
    case 'reportError':
      return typeof m.message === 'string' ? { type: 'reportError', message: m.message.slice(0, 2000) } : undefined;
    default:
      return undefined;
  }
}
