/**
 * Softmax and sampling filters: logits become probabilities under a temperature, then top-k, top-p
 * and min-p decide which tokens survive, and the survivors' probabilities are renormalized. The
 * filters run in the order of Hugging Face's logits warpers (temperature, top-k, top-p, min-p), each
 * on the distribution the previous one left.
 */
export interface SamplingSettings {
  /** 0 means greedy: all the probability on the largest logit. */
  temperature: number;
  /** Keep the k most probable tokens; 0 = off. */
  topK: number;
  /** Keep the smallest set of most probable tokens whose probability reaches p; 1 = off. */
  topP: number;
  /** Drop tokens below minP times the most probable token's probability; 0 = off. */
  minP: number;
}

export type Filter = 'top-k' | 'top-p' | 'min-p';

export interface SamplingResult {
  /** softmax(logits / temperature) over all tokens. */
  probs: number[];
  /** The filter that removed each token, or null if it survives. */
  removedBy: (Filter | null)[];
  /** The survivors' probabilities renormalized to sum to 1 (0 for removed tokens). */
  final: number[];
}

export function softmax(xs: readonly number[]): number[] {
  if (!xs.length) return [];
  const m = Math.max(...xs);
  const e = xs.map((x) => Math.exp(x - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
}

export function sample(logits: readonly number[], s: SamplingSettings): SamplingResult {
  const n = logits.length;
  let probs: number[];
  if (s.temperature <= 0) {
    // greedy: the first largest logit takes everything
    const best = logits.indexOf(Math.max(...logits));
    probs = logits.map((_, i) => (i === best ? 1 : 0));
  } else {
    probs = softmax(logits.map((x) => x / s.temperature));
  }
  const removedBy: (Filter | null)[] = probs.map(() => null);
  // most probable first; ties keep token order so results are deterministic
  const order = [...probs.keys()].sort((a, b) => probs[b] - probs[a] || a - b);
  if (s.topK > 0 && s.topK < n) for (const i of order.slice(s.topK)) removedBy[i] = 'top-k';
  if (s.topP < 1) {
    const alive = order.filter((i) => removedBy[i] === null);
    const mass = alive.reduce((a, i) => a + probs[i], 0);
    let cum = 0;
    alive.forEach((i, rank) => {
      // a token survives while the mass before it is below p (the one that crosses p is kept)
      if (rank > 0 && cum >= s.topP * mass - 1e-12) removedBy[i] = 'top-p';
      cum += probs[i];
    });
  }
  if (s.minP > 0) {
    const top = Math.max(...order.filter((i) => removedBy[i] === null).map((i) => probs[i]));
    for (const i of order) if (removedBy[i] === null && probs[i] < s.minP * top) removedBy[i] = 'min-p';
  }
  const mass = probs.reduce((a, p, i) => (removedBy[i] === null ? a + p : a), 0);
  const final = probs.map((p, i) => (removedBy[i] === null && mass > 0 ? p / mass : 0));
  return { probs, removedBy, final };
}
