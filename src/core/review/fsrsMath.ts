import { computeDecayFactor, S_MIN, type FSRS } from 'ts-fsrs';

/**
 * ts-fsrs's memory-state formulas (FSRSAlgorithm: next_state, forgetting_curve, next_interval) on a
 * plain copy of the weights. The originals read every weight through a Proxy and recompute the
 * forgetting curve's constants on each call, which is most of the scheduler's cost when a long
 * history is replayed. The arithmetic here is theirs, in the same order and with the same rounding,
 * so the results are identical to the last bit: schedulerEquivalence.test.ts holds them to ts-fsrs.
 * Fuzzed intervals still go through ts-fsrs (its seeded generator is not restated).
 */
export class FsrsMath {
  private readonly w: Float64Array;
  /** The forgetting curve's constants, R = (1 + factor·t/S)^decay (ts-fsrs's computeDecayFactor, read once). */
  readonly decay: number;
  readonly factor: number;
  private readonly intervalModifier: number;
  private readonly maximumInterval: number;
  private readonly shortTerm: boolean;
  /** D₀(Easy), the target of the mean reversion, fixed for given weights. */
  private readonly initEasy: number;

  constructor(private readonly f: FSRS) {
    const p = f.parameters;
    this.w = Float64Array.from(p.w);
    ({ decay: this.decay, factor: this.factor } = computeDecayFactor(p.w));
    this.intervalModifier = f.interval_modifier;
    this.maximumInterval = p.maximum_interval;
    this.shortTerm = p.enable_short_term;
    this.initEasy = this.initDifficulty(4);
  }

  forgettingCurve(elapsedDays: number, stability: number): number {
    return roundTo(Math.pow(1 + (this.factor * elapsedDays) / stability, this.decay), 8);
  }

  /** The interval without fuzz (with fuzz, ts-fsrs's own next_interval must draw it). */
  interval(stability: number): number {
    return Math.round(Math.min(Math.max(1, Math.round(stability * this.intervalModifier)), this.maximumInterval));
  }

  /** next_state for a grade 1-4, writing into `out` (no allocation per rating). */
  nextState(d: number, s: number, t: number, g: number, r: number | undefined, out: { difficulty: number; stability: number }): void {
    if (d === 0 && s === 0) {
      out.difficulty = clamp(this.initDifficulty(g), 1, 10);
      out.stability = Math.max(this.w[g - 1], 0.1);
      return;
    }
    if (t < 0 || d < 1 || s < S_MIN) {
      // ts-fsrs throws here: let it, with its own message
      const next = this.f.next_state({ difficulty: d, stability: s }, t, g as 1 | 2 | 3 | 4, r);
      out.difficulty = next.difficulty;
      out.stability = next.stability;
      return;
    }
    const w = this.w;
    const rr = typeof r === 'number' ? r : this.forgettingCurve(t, s);
    let newS: number;
    if (t === 0 && this.shortTerm) {
      const sinc = Math.pow(s, -w[19]) * Math.exp(w[17] * (g - 3 + w[18]));
      const masked = g >= 2 ? Math.max(sinc, 1) : sinc;
      newS = roundTo(clamp(s * masked, S_MIN, 36500), 8);
    } else if (g === 1) {
      const afterFail = roundTo(clamp(w[11] * Math.pow(d, -w[12]) * (Math.pow(s + 1, w[13]) - 1) * Math.exp((1 - rr) * w[14]), S_MIN, 36500), 8);
      const w17 = this.shortTerm ? w[17] : 0;
      const w18 = this.shortTerm ? w[18] : 0;
      newS = clamp(roundTo(s / Math.exp(w17 * w18), 8), S_MIN, afterFail);
    } else {
      const hardPenalty = g === 2 ? w[15] : 1;
      const easyBound = g === 4 ? w[16] : 1;
      newS = roundTo(clamp(s * (1 + Math.exp(w[8]) * (11 - d) * Math.pow(s, -w[9]) * (Math.exp((1 - rr) * w[10]) - 1) * hardPenalty * easyBound), S_MIN, 36500), 8);
    }
    const deltaD = -w[6] * (g - 3);
    const nextD = d + roundTo((deltaD * (10 - d)) / 9, 8);
    out.difficulty = clamp(roundTo(w[7] * this.initEasy + (1 - w[7]) * nextD, 8), 1, 10);
    out.stability = newS;
  }

  private initDifficulty(g: number): number {
    return roundTo(this.w[4] - Math.exp((g - 1) * this.w[5]) + 1, 8);
  }
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}

function roundTo(num: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(num * factor) / factor;
}
