/**
 * The online softmax of one row of attention scores, block by block (FlashAttention's inner loop):
 * a running maximum m, a running sum l of exp(s - m), and an output accumulator o that is rescaled
 * by exp(m_old - m_new) whenever the maximum grows. After the last block, o / l is exactly
 * softmax(scores) · values.
 */
export interface OnlineStep {
  /** Keys [start, end) of this block. */
  start: number;
  end: number;
  blockMax: number;
  prevMax: number;
  max: number;
  /** exp(prevMax - max): how much the earlier sum and accumulator shrink (1 when the max holds). */
  rescale: number;
  prevSum: number;
  sum: number;
  /** The unnormalized accumulator Σ exp(s_i - max) v_i over the keys so far. */
  acc: number[];
  /** The partial output acc / sum: the softmax-weighted average of the values seen so far. */
  out: number[];
  /** The softmax over the keys seen so far (the weights of the partial output). */
  weights: number[];
}

export interface FullSoftmax {
  max: number;
  sum: number;
  probs: number[];
  out: number[];
}

/** Values default to one-hot rows (the output is then the probability vector itself). */
function valueRows(n: number, values?: readonly (readonly number[])[]): number[][] {
  return values ? values.map((v) => [...v]) : Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
}

export function onlineSoftmax(scores: readonly number[], block: number, values?: readonly (readonly number[])[]): OnlineStep[] {
  const v = valueRows(scores.length, values);
  const dim = v[0]?.length ?? 0;
  const b = Math.max(1, Math.floor(block));
  const steps: OnlineStep[] = [];
  let max = -Infinity;
  let sum = 0;
  let acc = new Array<number>(dim).fill(0);
  for (let start = 0; start < scores.length; start += b) {
    const end = Math.min(scores.length, start + b);
    const blockMax = Math.max(...scores.slice(start, end));
    const prevMax = max;
    const prevSum = sum;
    const newMax = Math.max(max, blockMax);
    const rescale = prevMax === -Infinity ? 0 : Math.exp(prevMax - newMax);
    sum = prevSum * rescale;
    acc = acc.map((a) => a * rescale);
    for (let i = start; i < end; i++) {
      const p = Math.exp(scores[i] - newMax);
      sum += p;
      for (let d = 0; d < dim; d++) acc[d] += p * v[i][d];
    }
    max = newMax;
    const weights = scores.slice(0, end).map((s) => Math.exp(s - max) / sum);
    steps.push({ start, end, blockMax, prevMax, max, rescale, prevSum, sum, acc: [...acc], out: acc.map((a) => a / sum), weights });
  }
  return steps;
}

/** The one-pass softmax the stepper must end equal to. */
export function fullSoftmax(scores: readonly number[], values?: readonly (readonly number[])[]): FullSoftmax {
  const v = valueRows(scores.length, values);
  const max = Math.max(...scores);
  const e = scores.map((s) => Math.exp(s - max));
  const sum = e.reduce((a, b) => a + b, 0);
  const probs = e.map((x) => x / sum);
  const dim = v[0]?.length ?? 0;
  const out = Array.from({ length: dim }, (_, d) => probs.reduce((a, p, i) => a + p * v[i][d], 0));
  return { max, sum, probs, out };
}
