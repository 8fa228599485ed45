import { dayStart } from './queue';
import type { Rating, SchedState } from './scheduler';

const DAY = 86_400_000;

/** The note a cloze deletion belongs to (`note#c2` → `note`), or undefined for other cards. */
export function clozeNote(cardId: string): string | undefined {
  const m = /^(.*)#c\d+$/.exec(cardId);
  return m ? m[1] : undefined;
}

/** What a session needs from the review store. */
export interface SessionStore {
  rate(cardId: string, rating: Rating, now: number, durationMs?: number): SchedState;
  undo(now: number): { cardId: string } | undefined;
  /** The card the store's undo would take back, when it knows (a lesson's review area may have rated since). */
  lastUndoable?(): string | undefined;
  bury(cardId: string, until: number, now: number): void;
}

export interface SessionSummary {
  reviewed: number;
  again: number;
  againRate: number;
  durationMs: number;
  skipped: number;
}

interface HistoryItem {
  cardId: string;
  rating: Rating;
  requeued: boolean;
  durationMs: number;
  /** The rated showing was a card coming back, not its first in this session. */
  repeat: boolean;
}

/**
 * One review session: a fixed queue plus a learning queue for cards that come back within the
 * session (learning steps). The host owns it; the webview only shows what it says.
 */
export class ReviewSession {
  private readonly queue: string[];
  private learning: { id: string; due: number }[] = [];
  private currentId: string | undefined;
  private shownAt = 0;
  private revealed = false;
  private readonly history: HistoryItem[] = [];
  private skipped = 0;
  private readonly startedAt: number;
  private total: number;
  private readonly seen = new Set<string>();
  private currentIsRepeat = false;

  constructor(cardIds: readonly string[], private readonly store: SessionStore, private readonly now: () => number, private readonly learnAheadMs = 20 * 60_000) {
    this.queue = [...cardIds];
    this.total = new Set(cardIds).size;
    this.startedAt = now();
    this.advance();
  }

  get current(): string | undefined {
    return this.currentId;
  }

  get isRevealed(): boolean {
    return this.revealed;
  }

  get finished(): boolean {
    return this.currentId === undefined;
  }

  /**
   * "Card 5 of 20 · 2 coming back": `total` is the number of distinct cards the session started with,
   * which never grows; `position` counts distinct cards met so far; cards that come back for a
   * learning step are counted apart (`returning`), and `repeat` says the current card is one of them.
   */
  progress(): { position: number; total: number; returning: number; repeat: boolean } {
    return { position: this.seen.size, total: this.total, returning: this.learning.length, repeat: this.currentIsRepeat };
  }

  /**
   * The card the session will most likely show after the current one is rated, so a view can have it
   * ready: a learning card already due, else the next in the queue (not a sibling the rating buries),
   * else a learning card ahead of time. A step falling due meanwhile can change it; the caller shows
   * what `current` says after the rating.
   */
  peekNext(): { id: string; repeat: boolean } | undefined {
    const now = this.now();
    let learning: { id: string; due: number } | undefined;
    for (const l of this.learning) if (!learning || l.due < learning.due) learning = l;
    if (learning && learning.due <= now) return { id: learning.id, repeat: true };
    const note = this.currentId === undefined ? undefined : clozeNote(this.currentId);
    const next = this.queue.find((id) => id !== this.currentId && (note === undefined || clozeNote(id) !== note));
    if (next !== undefined) return { id: next, repeat: this.seen.has(next) };
    return learning ? { id: learning.id, repeat: true } : undefined;
  }

  reveal(): void {
    if (this.currentId) this.revealed = true;
  }

  rate(rating: Rating): SchedState | undefined {
    const id = this.currentId;
    if (!id) return undefined;
    const now = this.now();
    const durationMs = Math.min(now - this.shownAt, 10 * 60_000);
    const next = this.store.rate(id, rating, now, durationMs);
    this.burySiblings(id, now);
    const requeued = next.state !== 2 && next.due - now < this.learnAheadMs;
    if (requeued) this.learning.push({ id, due: next.due });
    this.history.push({ cardId: id, rating, requeued, durationMs, repeat: this.currentIsRepeat });
    this.advance();
    return next;
  }

  /** Undo the last rating of this session: that card comes back, unrevealed, with its old state. */
  undo(): boolean {
    const last = this.history.pop();
    if (!last) return false;
    if (this.store.lastUndoable && this.store.lastUndoable() !== last.cardId) {
      // the last rating of this window was made elsewhere (a review area in a lesson): not ours to take back
      this.history.push(last);
      return false;
    }
    const undone = this.store.undo(this.now());
    if (!undone || undone.cardId !== last.cardId) {
      this.history.push(last);
      return false;
    }
    if (last.requeued) {
      const i = this.learning.findIndex((l) => l.id === last.cardId);
      if (i !== -1) this.learning.splice(i, 1);
    }
    if (this.currentId) {
      this.queue.unshift(this.currentId);
      if (!this.currentIsRepeat) this.seen.delete(this.currentId); // back in the queue, not yet met
    }
    this.show(last.cardId);
    this.currentIsRepeat = last.repeat;
    return true;
  }

  /** Skip the current card until tomorrow (buried, kept out of every queue until the next day starts). */
  skip(): void {
    const id = this.currentId;
    if (!id) return;
    const now = this.now();
    this.store.bury(id, dayStart(now) + DAY, now);
    this.skipped++;
    this.advance();
  }

  /**
   * The other deletions of a cloze note (`note#c1`, `note#c2`) show each other's answers on their
   * fronts: once one is answered, its siblings still waiting in the queue are buried until tomorrow,
   * as Anki does. Siblings already coming back for a learning step stay.
   */
  private burySiblings(id: string, now: number): void {
    const note = clozeNote(id);
    if (note === undefined) return;
    const until = dayStart(now) + DAY;
    for (let i = this.queue.length - 1; i >= 0; i--) {
      const other = this.queue[i];
      if (other !== id && clozeNote(other) === note) {
        this.queue.splice(i, 1);
        this.store.bury(other, until, now);
        this.total--; // it will not be shown in this session
      }
    }
  }

  summary(): SessionSummary {
    const reviewed = this.history.length;
    const again = this.history.filter((h) => h.rating === 1).length;
    return { reviewed, again, againRate: reviewed ? again / reviewed : 0, durationMs: this.now() - this.startedAt, skipped: this.skipped };
  }

  private show(id: string | undefined): void {
    this.currentIsRepeat = id !== undefined && this.seen.has(id);
    if (id !== undefined) this.seen.add(id);
    this.currentId = id;
    this.revealed = false;
    this.shownAt = this.now();
  }

  private advance(): void {
    const now = this.now();
    this.learning.sort((a, b) => a.due - b.due);
    if (this.learning.length && this.learning[0].due <= now) return this.show(this.learning.shift()!.id);
    if (this.queue.length) return this.show(this.queue.shift()!);
    // nothing else to do: learn ahead rather than make the learner wait for a step of a few minutes
    if (this.learning.length) return this.show(this.learning.shift()!.id);
    this.show(undefined);
  }
}
