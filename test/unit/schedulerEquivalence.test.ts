/**
 * The scheduler rates on plain numbers instead of through ts-fsrs's `next` (issue 10: replaying a long
 * history was bound by `next`'s Date objects and card copies). This holds it to `next` and `repeat`,
 * field for field, over random histories and settings: learning steps of every shape, fuzz on and
 * off, clocks that stand still or run backwards, gaps from seconds to years.
 */
import { createEmptyCard, fsrs, type Card as FsrsCard, type Grade, type State, type StepUnit } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { FsrsMath } from '../../src/core/review/fsrsMath';
import { Scheduler, DEFAULT_SETTINGS, type Rating, type SchedState, type SchedulerSettings } from '../../src/core/review/scheduler';
import { rng } from './seededRandom';

function toFsrs(state: SchedState | undefined, now: number): FsrsCard {
  if (!state) return createEmptyCard(now);
  return {
    due: new Date(state.due), stability: state.stability, difficulty: state.difficulty, elapsed_days: 0,
    scheduled_days: state.scheduledDays, learning_steps: state.learningSteps, reps: state.reps, lapses: state.lapses,
    state: state.state as State, last_review: state.lastReview ? new Date(state.lastReview) : undefined,
  };
}

function fromFsrs(c: FsrsCard): SchedState {
  return {
    due: c.due.getTime(), stability: c.stability, difficulty: c.difficulty, scheduledDays: c.scheduled_days,
    learningSteps: c.learning_steps, reps: c.reps, lapses: c.lapses, state: c.state as SchedState['state'],
    lastReview: c.last_review ? c.last_review.getTime() : 0,
  };
}

/** What ts-fsrs itself says for one rating (the clock clamped as the scheduler clamps it). */
function reference(settings: SchedulerSettings) {
  const f = fsrs({
    request_retention: settings.desiredRetention, maximum_interval: settings.maximumInterval,
    learning_steps: settings.learningSteps, relearning_steps: settings.relearningSteps,
    enable_fuzz: settings.fuzz, enable_short_term: true,
  });
  const at = (state: SchedState | undefined, now: number) => (state && state.lastReview > now ? state.lastReview : now);
  return {
    rate: (state: SchedState | undefined, rating: Rating, now: number) => fromFsrs(f.next(toFsrs(state, at(state, now)), at(state, now), rating as Grade).card),
    preview: (state: SchedState | undefined, now: number) => {
      const p = f.repeat(toFsrs(state, at(state, now)), at(state, now));
      return { 1: fromFsrs(p[1].card), 2: fromFsrs(p[2].card), 3: fromFsrs(p[3].card), 4: fromFsrs(p[4].card) };
    },
  };
}

const STEP_CHOICES: StepUnit[][] = [[], ['1m', '10m'], ['10m'], ['1m', '10m', '1d'], ['2d'], ['5m', '1h', '3h'], ['30m', '1440m']];
const MINUTE = 60_000;
const GAPS = [0, 1_000, MINUTE, 10 * MINUTE, 3_600_000, 86_400_000, 3 * 86_400_000, 30 * 86_400_000, 400 * 86_400_000];

describe('the scheduler agrees with ts-fsrs', () => {
  it('rates exactly as ts-fsrs next over random histories and settings', () => {
    const random = rng(20261204);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
    let compared = 0;
    for (let trial = 0; trial < 300; trial++) {
      const settings: SchedulerSettings = {
        desiredRetention: pick([0.7, 0.85, 0.9, 0.95, 0.97]),
        maximumInterval: pick([36500, 365, 30]),
        learningSteps: pick(STEP_CHOICES),
        relearningSteps: pick(STEP_CHOICES),
        fuzz: random() < 0.6,
      };
      const mine = new Scheduler(settings);
      const ref = reference(settings);
      let state: SchedState | undefined;
      let now = Date.UTC(2024, 0, 1) + Math.floor(random() * 86_400_000);
      for (let k = 0; k < 60; k++) {
        // mostly forward (sometimes to the due date, sometimes jittered), now and then backwards
        const r = random();
        if (r < 0.1) now -= pick(GAPS);
        else if (r < 0.4 && state) now = Math.max(now, state.due) + Math.floor(random() * 3_600_000);
        else now += Math.floor(pick(GAPS) * (0.5 + random()));
        const rating = pick([1, 2, 3, 4, 3, 3] as const);
        if (k % 7 === 0) expect(mine.preview(state, now)).toEqual(ref.preview(state, now));
        const want = ref.rate(state, rating, now);
        expect(mine.rate(state, rating, now), `trial ${trial}, review ${k}, ${JSON.stringify(settings)}`).toEqual(want);
        state = want;
        compared++;
      }
    }
    expect(compared).toBe(18_000);
  });

  it('keeps the defaults the extension ships with on the same path', () => {
    const mine = new Scheduler(DEFAULT_SETTINGS);
    const ref = reference(DEFAULT_SETTINGS);
    let state: SchedState | undefined;
    let now = Date.UTC(2025, 5, 1, 9);
    for (const rating of [3, 3, 3, 1, 3, 3, 2, 4, 3, 1, 1, 3] as const) {
      expect(mine.rate(state, rating, now)).toEqual(ref.rate(state, rating, now));
      state = ref.rate(state, rating, now);
      now = state.due + 5 * MINUTE;
    }
    expect(state!.state).toBe(2);
    expect(state!.reps).toBe(12);
  });

  it('restates ts-fsrs\'s formulas to the last bit (next_state, forgetting_curve, next_interval without fuzz)', () => {
    const random = rng(20261205);
    let compared = 0;
    for (const retention of [0.7, 0.9, 0.97]) {
      for (const maximum of [36500, 30]) {
        const f = fsrs({ request_retention: retention, maximum_interval: maximum, enable_fuzz: false, enable_short_term: true });
        const math = new FsrsMath(f);
        const out = { difficulty: 0, stability: 0 };
        for (let k = 0; k < 3000; k++) {
          // fresh cards, tiny and huge stabilities, difficulty at and between its bounds, same-day and long gaps
          const fresh = k % 10 === 0;
          const d = fresh ? 0 : [1, 10, 1 + 9 * random()][k % 3];
          const s = fresh ? 0 : [0.001, 0.1 + random() * 5, random() * 400, 36500][k % 4];
          const t = [0, 1, Math.floor(random() * 30), Math.floor(random() * 3000)][k % 4];
          const g = (1 + (k % 4)) as Grade;
          const r = k % 5 === 0 || fresh ? undefined : f.forgetting_curve(t, s);
          math.nextState(d, s, t, g, r, out);
          expect(out, `d ${d} s ${s} t ${t} g ${g}`).toEqual(f.next_state(fresh ? null : { difficulty: d, stability: s }, t, g, r));
          if (!fresh) {
            expect(math.forgettingCurve(t, s)).toBe(f.forgetting_curve(t, s));
            expect(math.interval(s)).toBe(f.next_interval(s, t));
          }
          compared++;
        }
      }
    }
    expect(compared).toBe(18_000);
  });
});

