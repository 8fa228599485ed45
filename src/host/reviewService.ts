import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { countDue } from '../core/review/dueCount';
import { emptyQueueReason } from '../core/review/emptyReason';
import { buildQueue, dayStart, interleave, interleaveBy } from '../core/review/queue';
import { ReviewStore, SYNC_KEY } from '../core/review/reviewStore';
import { isReview } from '../core/review/reviewLog';
import { DEFAULT_SETTINGS, Scheduler, type SchedulerSettings } from '../core/review/scheduler';
import { cardsInScope, unlockingLessons, type ReviewScope } from '../core/review/scope';
import { FileAppendLog, FileSnapshot } from '../node/fileStorage';
import type { ContentService } from './contentService';
import type { Logger } from './logger';
import type { ProgressStore } from './progressStore';
import { affectsSettings, settings } from './settings';
import { Disposable } from './util/dispose';

const SNAPSHOT_DELAY_MS = 3000;
const SYNC_DELAY_MS = 2000;
const STEP = /^\d+(\.\d+)?[mhd]$/;

export interface ReviewLimits {
  newPerDay: number;
  reviewsPerDay: number;
  newOnlyFromStartedLessons: boolean;
}

/**
 * Owns the review store for this window: loads it at activation, reads scheduling settings,
 * writes snapshots in the background, publishes recent reviews for Settings Sync, and picks up
 * what other windows and machines did when the window regains focus.
 */
export class ReviewService extends Disposable {
  readonly store: ReviewStore;
  private readonly _onDidChange = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this._onDidChange.event;
  private snapshotTimer?: ReturnType<typeof setTimeout>;
  private syncTimer?: ReturnType<typeof setTimeout>;

  constructor(
    storageDir: string,
    private readonly globalState: vscode.Memento,
    private readonly content: ContentService,
    private readonly progress: ProgressStore,
    private readonly log: Logger,
  ) {
    super();
    const writer = `${vscode.env.machineId.replace(/[^A-Za-z0-9]/g, '').slice(0, 8) || 'local'}-${randomBytes(4).toString('hex')}`;
    const t0 = performance.now();
    this.store = new ReviewStore(
      new FileAppendLog(path.join(storageDir, 'reviews.jsonl')),
      new FileSnapshot(path.join(storageDir, 'review-state.json')),
      { get: (k) => globalState.get(k), set: (k, v) => globalState.update(k, v) },
      new Scheduler(readSchedulerSettings()),
      writer,
      (p) => {
        log.warn(`Review data: ${p.message}${p.keptAt ? ` (copy kept at ${p.keptAt})` : ''}`);
        void vscode.window.showWarningMessage(`ML Learning Lab: ${p.message}.${p.keptAt ? ' A copy was kept.' : ''} Your review history is otherwise intact.`);
      },
    );
    this.store.load();
    log.info(`Loaded review state of ${this.store.all().size} cards in ${(performance.now() - t0).toFixed(1)} ms`);
    this._register(vscode.workspace.onDidChangeConfiguration((e) => {
      if (affectsSettings(e)) {
        this.store.setScheduler(new Scheduler(readSchedulerSettings()));
        this.changed();
      }
    }));
    this._register(vscode.window.onDidChangeWindowState((s) => {
      if (s.focused) this.refresh();
    }));
    // cards fall due as time passes: one tick for every view that shows due counts, so they move together
    let lastDue = -1;
    const tick = setInterval(() => {
      const due = this.dueIn({ kind: 'all' });
      if (due !== lastDue) {
        lastDue = due;
        this._onDidChange.fire();
      }
    }, 60_000);
    this._register({ dispose: () => clearInterval(tick) });
    this._register({
      dispose: () => {
        clearTimeout(this.snapshotTimer);
        clearTimeout(this.syncTimer);
        this.flush();
      },
    });
  }

  /** Apply what other windows and machines recorded. */
  refresh(): void {
    this.store.refresh();
    if (this.store.isDirty) this.changed();
  }

  /** After every change: tell listeners, and persist in the background. */
  changed(): void {
    this._onDidChange.fire();
    clearTimeout(this.snapshotTimer);
    this.snapshotTimer = setTimeout(() => this.flush(), SNAPSHOT_DELAY_MS);
    clearTimeout(this.syncTimer);
    this.syncTimer = setTimeout(() => void this.globalState.update(SYNC_KEY, this.store.syncPayload()), SYNC_DELAY_MS);
  }

  flush(): void {
    try {
      if (this.store.isDirty) this.store.saveSnapshot();
    } catch (e) {
      this.log.error(e instanceof Error ? e : new Error(String(e)));
    }
  }

  limits(): ReviewLimits {
    const cfg = settings();
    return {
      newPerDay: clampInt(cfg.get('newCardsPerDay'), 0, 9999, 20),
      reviewsPerDay: clampInt(cfg.get('maximumReviewsPerDay'), 0, 99999, 200),
      newOnlyFromStartedLessons: cfg.get<boolean>('newCardsOnlyFromStartedLessons', true),
    };
  }

  /** Reviews and introductions already done today (undone ratings do not count). */
  todayCounts(now = Date.now()): { reviews: number; introduced: number } {
    const start = dayStart(now);
    const todayByCard = new Map<string, number>();
    let reviews = 0;
    const undone = new Set<string>();
    const recent = this.store.syncPayload().entries;
    for (const e of recent) if ('u' in e) undone.add(e.u);
    for (const e of recent) {
      if (!isReview(e) || e.t < start || undone.has(e.i)) continue;
      reviews++;
      todayByCard.set(e.c, (todayByCard.get(e.c) ?? 0) + 1);
    }
    let introduced = 0;
    for (const [id, n] of todayByCard) if ((this.store.get(id)?.reps ?? 0) <= n) introduced++;
    return { reviews, introduced };
  }

  /** The queue of a scope: due cards first in due order, new cards interleaved, within today's limits. */
  queue(scope: ReviewScope, options: { includeNew?: boolean; includeDue?: boolean } = {}, now = Date.now()) {
    const c = this.content.catalog;
    const limits = this.limits();
    const today = this.todayCounts(now);
    const cardIds = cardsInScope(c, scope);
    const isNewAllowed = (id: string) => {
      if (!limits.newOnlyFromStartedLessons) return true;
      const card = c.cards.get(id);
      return !!card && unlockingLessons(c, card).some((l) => this.progress.isStarted(l));
    };
    const newLeftToday = Math.max(0, limits.newPerDay - today.introduced);
    const reviewsLeftToday = Math.max(0, limits.reviewsPerDay - today.reviews);
    const q = buildQueue({
      cardIds,
      states: this.store.all(),
      columns: this.store.columnsFor(cardIds),
      buried: this.store.buriedCards(),
      now,
      isNewAllowed,
      newLimit: options.includeNew === false ? 0 : newLeftToday,
      reviewLimit: options.includeDue === false ? 0 : reviewsLeftToday,
    });
    /** Why this queue is empty, said precisely (only computed when asked: one more pass over the scope). */
    const emptyReason = (): string => {
      const states = this.store.all();
      const buried = this.store.buriedCards();
      let newOverLimit = 0;
      for (const id of cardIds) {
        const st = states.get(id);
        if ((!st || st.state === 0) && !((buried.get(id) ?? 0) > now) && isNewAllowed(id)) newOverLimit++;
      }
      return emptyQueueReason({
        includeDue: options.includeDue !== false,
        includeNew: options.includeNew !== false,
        dueTotal: q.dueTotal,
        lockedNew: q.lockedNew,
        newOverLimit: newOverLimit - q.fresh.length,
        newLeftToday,
        reviewsLeftToday,
        newPerDay: limits.newPerDay,
      });
    };
    // mix tracks and card categories (the due order decides who comes first within a bucket)
    const keyOf = (id: string) => {
      const card = c.cards.get(id);
      const deck = card && c.decks.get(card.deckId);
      const stage = deck && (deck.stage ?? c.lessons.get(deck.lesson ?? '')?.stage);
      return `${(stage && c.stages.get(stage)?.trackId) ?? ''}|${card?.category ?? ''}`;
    };
    return { ...q, emptyReason, ordered: interleave(interleaveBy(q.due, keyOf), interleaveBy(q.fresh, keyOf)) };
  }

  /** Cards of a scope due now, by the queue's own rule (the one count the tree, status bar and Today view show). */
  dueIn(scope: ReviewScope, now = Date.now()): number {
    return countDue(cardsInScope(this.content.catalog, scope), this.store.all(), this.store.buriedCards(), now);
  }

  dueCount(now = Date.now()): number {
    return this.dueIn({ kind: 'all' }, now);
  }

  /** Card ids with history whose card is no longer in the content (kept, and restored if it returns). */
  orphanCount(): number {
    let n = 0;
    for (const id of this.store.all().keys()) if (!this.content.catalog.cards.has(id)) n++;
    return n;
  }
}

function clampInt(v: unknown, min: number, max: number, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? Math.min(max, Math.max(min, Math.round(v))) : fallback;
}

export function readSchedulerSettings(): SchedulerSettings {
  const cfg = settings();
  const steps = (key: 'learningSteps' | 'relearningSteps', fallback: SchedulerSettings['learningSteps']) => {
    const v = cfg.get<unknown>(key);
    return Array.isArray(v) && v.every((s) => typeof s === 'string' && STEP.test(s)) ? (v as SchedulerSettings['learningSteps']) : fallback;
  };
  const retention = cfg.get<number>('desiredRetention', DEFAULT_SETTINGS.desiredRetention);
  return {
    desiredRetention: typeof retention === 'number' && retention >= 0.7 && retention <= 0.99 ? retention : DEFAULT_SETTINGS.desiredRetention,
    maximumInterval: clampInt(cfg.get('maximumInterval'), 1, 36500, DEFAULT_SETTINGS.maximumInterval),
    learningSteps: steps('learningSteps', DEFAULT_SETTINGS.learningSteps),
    relearningSteps: steps('relearningSteps', DEFAULT_SETTINGS.relearningSteps),
    fuzz: cfg.get<boolean>('fuzz', DEFAULT_SETTINGS.fuzz),
  };
}
