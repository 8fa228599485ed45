/**
 * The attention mask grid: which keys each query may attend to, for the masks a transformer uses,
 * and the attention weights a row of scores gets under a mask. `allowed[q][k]` is true when query q
 * sees key k.
 */
export type MaskKind = 'full' | 'causal' | 'padding' | 'sliding-window' | 'packed';
export const MASK_KINDS: readonly MaskKind[] = ['causal', 'full', 'padding', 'sliding-window', 'packed'];

export interface MaskSpec {
  kind: MaskKind;
  seqLen: number;
  /** sliding-window: each query sees itself and the `window - 1` keys before it. */
  window?: number;
  /** padding: how many tokens are real; the others are padding, on `padSide`. */
  valid?: number;
  padSide?: 'right' | 'left';
  /** padding: also causal (a decoder); false: bidirectional (an encoder). */
  causal?: boolean;
  /** packed: the lengths of the sequences packed into one row, in order (they sum to seqLen). */
  lengths?: number[];
}

export const MAX_MASK_LEN = 32;

export interface Mask {
  allowed: boolean[][];
  /** Per position: is it padding (padding masks)? */
  pad: boolean[];
  /** Per position: which packed sequence it belongs to (packed masks), else 0. */
  segment: number[];
}

export function buildMask(spec: MaskSpec): Mask {
  const n = Math.max(0, Math.min(MAX_MASK_LEN, Math.floor(spec.seqLen)));
  const pad = new Array<boolean>(n).fill(false);
  const segment = new Array<number>(n).fill(0);
  if (spec.kind === 'padding') {
    const valid = Math.max(0, Math.min(n, spec.valid ?? n));
    for (let i = 0; i < n; i++) pad[i] = spec.padSide === 'left' ? i < n - valid : i >= valid;
  }
  if (spec.kind === 'packed') {
    let pos = 0;
    (spec.lengths ?? [n]).forEach((len, s) => {
      for (let j = 0; j < len && pos < n; j++) segment[pos++] = s;
    });
    // positions the lengths do not cover form one more sequence
    const last = (spec.lengths?.length ?? 1);
    for (; pos < n; pos++) segment[pos] = last;
  }
  const window = Math.max(1, spec.window ?? n);
  const allowed: boolean[][] = [];
  for (let q = 0; q < n; q++) {
    const row: boolean[] = [];
    for (let k = 0; k < n; k++) {
      let ok: boolean;
      switch (spec.kind) {
        case 'full': ok = true; break;
        case 'causal': ok = k <= q; break;
        case 'sliding-window': ok = k <= q && q - k < window; break;
        case 'padding': ok = !pad[k] && (spec.causal === false || k <= q); break;
        case 'packed': ok = k <= q && segment[k] === segment[q]; break;
      }
      row.push(ok);
    }
    allowed.push(row);
  }
  return { allowed, pad, segment };
}

/**
 * Softmax of each row of scores over the keys the mask allows; masked keys get weight 0. A row with
 * no allowed key has no softmax (in code it is NaN, or zeros where an implementation guards it):
 * its weights are all 0 and it is flagged `empty`.
 */
export function maskedSoftmax(scores: readonly (readonly number[])[], allowed: readonly (readonly boolean[])[]): { weights: number[][]; empty: boolean[] } {
  const weights: number[][] = [];
  const empty: boolean[] = [];
  for (let q = 0; q < allowed.length; q++) {
    const row = scores[q] ?? [];
    let max = -Infinity;
    for (let k = 0; k < allowed[q].length; k++) if (allowed[q][k] && row[k] > max) max = row[k];
    const w = allowed[q].map((ok, k) => (ok ? Math.exp(row[k] - max) : 0));
    const sum = w.reduce((a, b) => a + b, 0);
    const none = max === -Infinity;
    empty.push(none);
    weights.push(none ? w.map(() => 0) : w.map((x) => x / sum));
  }
  return { weights, empty };
}
