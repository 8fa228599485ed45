import { computeDecayFactor, createEmptyCard, fsrs, State, type Card as FsrsCard, type FSRS, type Grade, type StepUnit } from 'ts-fsrs';

export type Rating = 1 | 2 | 3 | 4;
export const RATINGS: readonly Rating[] = [1, 2, 3, 4];
export const RATING_NAMES: Record<Rating, string> = { 1: 'Again', 2: 'Hard', 3: 'Good', 4: 'Easy' };

/**
 * A card's scheduling state, compact and JSON-ready (epoch ms, no Date objects): this is what is
 * kept in memory for 100,000 cards, snapshotted and compared in queue building.
 */
export interface SchedState {
  due: number;
  stability: number;
  difficulty: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  /** ts-fsrs State: 0 new, 1 learning, 2 review, 3 relearning. */
  state: 0 | 1 | 2 | 3;
  lastReview: number;
}

export interface SchedulerSettings {
  desiredRetention: number;
  maximumInterval: number;
  learningSteps: StepUnit[];
  relearningSteps: StepUnit[];
  fuzz: boolean;
}

export const DEFAULT_SETTINGS: SchedulerSettings = {
  desiredRetention: 0.9,
  maximumInterval: 36500,
  learningSteps: ['1m', '10m'],
  relearningSteps: ['10m'],
  fuzz: true,
};

const DAY = 86_400_000;

export interface ForgettingCurve {
  decay: number;
  factor: number;
}

/**
 * R at `now` for a reviewed card, over elapsed time in fractional days. (ts-fsrs's get_retrievability
 * counts whole days, which makes every card reviewed today 100% remembered, a failed one included.)
 */
export function recallProbability(c: ForgettingCurve, state: SchedState, now: number, extraDays = 0): number {
  const days = Math.max(0, (now - state.lastReview) / DAY) + extraDays;
  return (1 + (c.factor * days) / state.stability) ** c.decay;
}

/** Thin wrapper over ts-fsrs: rating, previewing the four outcomes, retrievability, rescheduling. */
export class Scheduler {
  private readonly f: FSRS;
  /** The forgetting curve's constants, read once (ts-fsrs's parameters sit behind a Proxy). */
  private readonly decay: number;
  private readonly factor: number;

  constructor(readonly settings: SchedulerSettings = DEFAULT_SETTINGS) {
    this.f = fsrs({
      request_retention: settings.desiredRetention,
      maximum_interval: settings.maximumInterval,
      learning_steps: settings.learningSteps,
      relearning_steps: settings.relearningSteps,
      enable_fuzz: settings.fuzz,
      enable_short_term: true,
    });
    ({ decay: this.decay, factor: this.factor } = computeDecayFactor(this.f.parameters.w));
  }

  /** The forgetting curve R = (1 + factor·t/S)^decay, for callers that evaluate it in bulk. */
  get curve(): ForgettingCurve {
    return { decay: this.decay, factor: this.factor };
  }

  rate(state: SchedState | undefined, rating: Rating, now: number): SchedState {
    const at = notBefore(state, now);
    return fromFsrs(this.f.next(toFsrs(state, at), at, rating as Grade).card);
  }

  /** The state each rating would lead to (for the intervals shown on the buttons). */
  preview(state: SchedState | undefined, now: number): Record<Rating, SchedState> {
    const at = notBefore(state, now);
    const p = this.f.repeat(toFsrs(state, at), at);
    return { 1: fromFsrs(p[1].card), 2: fromFsrs(p[2].card), 3: fromFsrs(p[3].card), 4: fromFsrs(p[4].card) };
  }

  /**
   * Probability of recall at `now` (0 for a card never reviewed): the FSRS forgetting curve
   * R = (1 + factor·t/S)^decay over fractional elapsed days t (ts-fsrs's curve; see docs/scoring.md),
   * without building Date objects (the dashboard evaluates it for 100,000 cards at three horizons).
   */
  retrievability(state: SchedState | undefined, now: number): number {
    if (!state || state.state === 0 || state.stability <= 0) return 0;
    return recallProbability(this.curve, state, now);
  }

  /**
   * Due date of a review-state card under the current settings, from its memory state alone
   * (used when desired retention or the maximum interval change; no history replay needed).
   */
  rescheduleDue(state: SchedState): SchedState {
    if (state.state !== 2) return state;
    const days = this.f.next_interval(state.stability, Math.max(0, Math.round((state.due - state.lastReview) / DAY)));
    return { ...state, scheduledDays: days, due: state.lastReview + days * DAY };
  }
}

/**
 * A review can carry a time before the card's last review (a clock set back, or another machine's
 * skewed clock); ts-fsrs rejects negative elapsed time, so such a review counts as simultaneous.
 */
function notBefore(state: SchedState | undefined, now: number): number {
  return state && state.lastReview > now ? state.lastReview : now;
}

function toFsrs(state: SchedState | undefined, now: number): FsrsCard {
  if (!state) return createEmptyCard(now);
  return {
    due: new Date(state.due),
    stability: state.stability,
    difficulty: state.difficulty,
    elapsed_days: 0,
    scheduled_days: state.scheduledDays,
    learning_steps: state.learningSteps,
    reps: state.reps,
    lapses: state.lapses,
    state: state.state as State,
    last_review: state.lastReview ? new Date(state.lastReview) : undefined,
  };
}

function fromFsrs(c: FsrsCard): SchedState {
  return {
    due: c.due.getTime(),
    stability: c.stability,
    difficulty: c.difficulty,
    scheduledDays: c.scheduled_days,
    learningSteps: c.learning_steps,
    reps: c.reps,
    lapses: c.lapses,
    state: c.state as SchedState['state'],
    lastReview: c.last_review ? c.last_review.getTime() : 0,
  };
}

/** "10m", "3h", "4d", "2.1mo", "1.3y": how Anki labels intervals on its buttons. */
export function formatInterval(ms: number): string {
  const m = ms / 60_000;
  if (m < 60) return `${Math.max(1, Math.round(m))}m`;
  const h = m / 60;
  if (h < 24) return `${Math.round(h)}h`;
  const d = h / 24;
  if (d < 30) return `${Math.round(d)}d`;
  if (d < 365) return `${(d / 30).toFixed(1).replace(/\.0$/, '')}mo`;
  return `${(d / 365).toFixed(1).replace(/\.0$/, '')}y`;
}
