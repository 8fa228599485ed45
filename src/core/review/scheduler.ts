import { BasicLearningStepsStrategy, fsrs, State, type FSRS, type FSRSParameters, type Grade, type StepUnit } from 'ts-fsrs';
import { FsrsMath } from './fsrsMath';

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
  /** A plain copy of the parameters, for the learning-steps strategy (the originals sit behind a Proxy). */
  private readonly params: FSRSParameters;
  /** The learning-steps strategy's answer per (card state, current step): it depends on nothing else. */
  private readonly stepTables = new Map<number, ReturnType<typeof BasicLearningStepsStrategy>>();
  /** ts-fsrs's formulas on plain numbers (see fsrsMath.ts). */
  private readonly math: FsrsMath;
  /** Scratch memory states, reused across ratings (the replay of a long log makes millions). */
  private readonly m1 = { difficulty: 0, stability: 0 };
  private readonly m2 = { difficulty: 0, stability: 0 };
  private readonly m3 = { difficulty: 0, stability: 0 };
  /** The fuzz seed of the rating in progress (ts-fsrs draws a fuzzed interval from it). */
  private seed = '';

  constructor(readonly settings: SchedulerSettings = DEFAULT_SETTINGS) {
    this.f = fsrs({
      request_retention: settings.desiredRetention,
      maximum_interval: settings.maximumInterval,
      learning_steps: settings.learningSteps,
      relearning_steps: settings.relearningSteps,
      enable_fuzz: settings.fuzz,
      enable_short_term: true,
    });
    this.params = { ...this.f.parameters };
    this.math = new FsrsMath(this.f);
  }

  /** The forgetting curve R = (1 + factor·t/S)^decay, for callers that evaluate it in bulk. */
  get curve(): ForgettingCurve {
    return { decay: this.math.decay, factor: this.math.factor };
  }

  rate(state: SchedState | undefined, rating: Rating, now: number): SchedState {
    return this.step(state, rating, notBefore(state, now));
  }

  /** The state each rating would lead to (for the intervals shown on the buttons). */
  preview(state: SchedState | undefined, now: number): Record<Rating, SchedState> {
    const at = notBefore(state, now);
    return { 1: this.step(state, 1, at), 2: this.step(state, 2, at), 3: this.step(state, 3, at), 4: this.step(state, 4, at) };
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
    const days = this.interval(state.stability, Math.max(0, Math.round((state.due - state.lastReview) / DAY)));
    return { ...state, scheduledDays: days, due: state.lastReview + days * DAY };
  }

  /**
   * One rating, as ts-fsrs's `next` computes it with short-term steps on (its BasicScheduler), on plain
   * numbers: the control flow of `next` restated here, its memory-state, forgetting-curve and interval
   * formulas in FsrsMath (to the last bit; fuzzed intervals still drawn by ts-fsrs). `next` builds Date objects,
   * copies the card six times and computes all four outcomes for one rating, which made replaying a
   * long history several times slower than the formulas themselves. A differential test holds this to
   * `next`, field for field, over random histories and settings.
   */
  private step(st: SchedState | undefined, rating: Rating, at: number): SchedState {
    const math = this.math;
    const prevState = st?.state ?? 0;
    const d = st?.difficulty ?? 0;
    const s = st?.stability ?? 0;
    const reps = (st?.reps ?? 0) + 1;
    const elapsed = prevState !== 0 && st?.lastReview ? Math.floor(at / DAY) - Math.floor(st.lastReview / DAY) : 0;
    // ts-fsrs seeds its fuzz from the review time, the new repetition count and D·S before the review
    if (this.settings.fuzz) this.seed = `${at}_${reps}_${d * s}`;
    const out: SchedState = {
      due: st?.due ?? at, stability: s, difficulty: d, scheduledDays: st?.scheduledDays ?? 0,
      learningSteps: st?.learningSteps ?? 0, reps, lapses: st?.lapses ?? 0, state: prevState, lastReview: at,
    };
    if (prevState !== State.Review) {
      math.nextState(d, s, elapsed, rating, undefined, this.m1);
      out.difficulty = this.m1.difficulty;
      out.stability = this.m1.stability;
      this.applyLearningSteps(out, st, rating, prevState === 0 ? State.Learning : prevState, elapsed, at);
      return out;
    }
    const r = math.forgettingCurve(elapsed, s);
    if (rating === 1) {
      math.nextState(d, s, elapsed, 1, r, this.m1);
      out.difficulty = this.m1.difficulty;
      out.stability = this.m1.stability;
      this.applyLearningSteps(out, st, 1, State.Relearning, elapsed, at);
      out.lapses += 1;
      return out;
    }
    // Hard, Good and Easy intervals constrain each other: hard <= good < easy
    const hard = this.m1;
    const good = this.m2;
    const easy = this.m3;
    math.nextState(d, s, elapsed, 2, r, hard);
    math.nextState(d, s, elapsed, 3, r, good);
    math.nextState(d, s, elapsed, 4, r, easy);
    let hardIvl = this.interval(hard.stability, elapsed);
    let goodIvl = this.interval(good.stability, elapsed);
    hardIvl = Math.min(hardIvl, goodIvl);
    goodIvl = Math.max(goodIvl, hardIvl + 1);
    const easyIvl = Math.max(this.interval(easy.stability, elapsed), goodIvl + 1);
    const next = rating === 2 ? hard : rating === 3 ? good : easy;
    const ivl = rating === 2 ? hardIvl : rating === 3 ? goodIvl : easyIvl;
    out.difficulty = next.difficulty;
    out.stability = next.stability;
    out.scheduledDays = ivl;
    out.due = at + ivl * DAY;
    out.state = State.Review;
    out.learningSteps = 0;
    return out;
  }

  /** ts-fsrs's next_interval: the plain formula, or ts-fsrs itself when it fuzzes (seeded per rating). */
  private interval(stability: number, elapsed: number): number {
    const ivl = this.math.interval(stability);
    if (!this.settings.fuzz || ivl < 2.5) return ivl;
    this.f.seed = this.seed;
    return this.f.next_interval(stability, elapsed);
  }

  /** ts-fsrs's BasicScheduler.applyLearningSteps: a (re)learning step in minutes, or graduation to review. */
  private applyLearningSteps(out: SchedState, st: SchedState | undefined, rating: Rating, toState: SchedState['state'], elapsed: number, at: number): void {
    const prevState = st?.state ?? 0;
    const curStep = st?.learningSteps || 0;
    const key = prevState * 1_000_000 + curStep;
    let table = this.stepTables.get(key);
    if (!table) this.stepTables.set(key, (table = BasicLearningStepsStrategy(this.params, prevState as State, curStep)));
    const info = table[rating as Grade];
    const minutes = Math.max(0, info?.scheduled_minutes ?? 0);
    const nextStep = Math.max(0, info?.next_step ?? 0);
    if (minutes > 0 && minutes < 1440) {
      out.learningSteps = nextStep;
      out.scheduledDays = 0;
      out.state = toState;
      out.due = at + Math.round(minutes) * 60_000;
      return;
    }
    out.state = State.Review;
    if (minutes >= 1440) {
      out.learningSteps = nextStep;
      out.due = at + Math.round(minutes) * 60_000;
      out.scheduledDays = Math.floor(minutes / 1440);
    } else {
      out.learningSteps = 0;
      const ivl = this.interval(out.stability, elapsed);
      out.scheduledDays = ivl;
      out.due = at + ivl * DAY;
    }
  }
}

/**
 * A review can carry a time before the card's last review (a clock set back, or another machine's
 * skewed clock); ts-fsrs rejects negative elapsed time, so such a review counts as simultaneous.
 */
function notBefore(state: SchedState | undefined, now: number): number {
  return state && state.lastReview > now ? state.lastReview : now;
}

/** "10m", "3h", "4d", "2.1mo", "1.3y": how Anki labels intervals on its buttons. */
/** "in 10 minutes", "in 9 days", "in 3 months": when a card comes back, said in words. */
export function describeInterval(ms: number): string {
  const plural = (n: number, unit: string) => `in ${n} ${unit}${n === 1 ? '' : 's'}`;
  const m = ms / 60_000;
  if (m < 60) return plural(Math.max(1, Math.round(m)), 'minute');
  const h = m / 60;
  if (h < 24) return plural(Math.round(h), 'hour');
  const d = h / 24;
  if (d < 30) return plural(Math.round(d), 'day');
  if (d < 365) return plural(Math.round(d / 30), 'month');
  const y = Math.round((d / 365) * 10) / 10;
  return `in ${y} year${y === 1 ? '' : 's'}`;
}

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
