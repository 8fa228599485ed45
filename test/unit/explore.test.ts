import { describe, expect, it } from 'vitest';
import { load } from 'js-yaml';
import { parseExploreBlock, validateExploration } from '../../src/core/explore/block';
import {
  applyPreset, compileCalculator, defaultValues, evaluateOutputs, formatOutput, nearestPosition, plotSeries, positionCount,
  positionValue, presetActive, tableRows, type Calculator, type NumberInput,
} from '../../src/core/explore/calculator';
import { flowSteps } from '../../src/core/explore/eventFlow';
import { LessonRenderer } from '../../src/core/render/lessonRenderer';
import { yamlLocator } from '../../src/core/explore/locate';
import { buildMask, maskedSoftmax } from '../../src/core/explore/maskGrid';
import { fullSoftmax, onlineSoftmax } from '../../src/core/explore/onlineSoftmax';
import { sample, softmax } from '../../src/core/explore/sampling';
import type { EventFlowWidget, MaskGridWidget } from '../../src/core/explore/widgets';

const KV = `title: KV cache
inputs:
  n_layers: {label: Layers, min: 1, max: 128, default: 32}
  n_kv_heads: {label: KV heads, min: 1, max: 64, default: 8}
  d_head: {min: 32, max: 256, step: 32, default: 128}
  seq_len:
    label: Sequence length
    min: 128
    max: 131072
    scale: log
    default: 8192
    unit: tokens
  batch: {min: 1, max: 64, default: 1}
  bytes: {label: Bytes per element, choices: {FP32: 4, BF16: 2, FP8: 1}, default: 2}
presets:
  Llama 3 8B: {n_layers: 32, n_kv_heads: 8, d_head: 128}
  Llama 3 70B: {n_layers: 80, n_kv_heads: 8, d_head: 128}
outputs:
  per_token: {label: Per token, expr: 2 * n_layers * n_kv_heads * d_head * bytes, unit: bytes}
  kv_bytes:
    label: KV cache
    expr: per_token * seq_len * batch
    unit: bytes
plot: {x: seq_len, y: kv_bytes}
table: {rows: presets, columns: [per_token, kv_bytes]}
`;

/** Parse a block whose fence is on file line 10 (its YAML starts on line 11). */
const parse = (fence: 'explore' | 'widget', yaml: string) => parseExploreBlock(fence, yaml, 10, { finite: true });
const calc = (yaml: string): Calculator => {
  const r = parse('explore', yaml);
  expect(r.problems).toEqual([]);
  return (r.exploration as { calculator: Calculator }).calculator;
};
const problems = (fence: 'explore' | 'widget', yaml: string) => parse(fence, yaml).problems.map((p) => `${p.line} ${p.code}: ${p.message}`);

describe('yamlLocator', () => {
  it('finds nested keys, list items and flow mappings', () => {
    const text = 'inputs:\n  a:\n    min: 1\n    max: 2\n  b: {min: 1, max: 2}\nevents:\n  - id: 1\n    cause: 0\n  - id: 2\n    cause: 1\n';
    const at = yamlLocator(text, 10);
    expect(at(['inputs', 'a', 'max'])).toBe(14);
    expect(at(['inputs', 'b', 'max'])).toBe(15);
    expect(at(['events', 1, 'cause'])).toBe(20);
    expect(at(['events', 0, 'id'])).toBe(17);
    expect(at(['nothing'])).toBe(10);
  });
});

describe('explore blocks: parse and validate', () => {
  it('reads inputs, presets, outputs, a plot and a table', () => {
    const c = calc(KV);
    expect(c.inputs.map((i) => i.name)).toEqual(['n_layers', 'n_kv_heads', 'd_head', 'seq_len', 'batch', 'bytes']);
    expect(c.inputs[3]).toMatchObject({ kind: 'number', scale: 'log', step: 2, unit: 'tokens', default: 8192 });
    expect(c.inputs[5]).toMatchObject({ kind: 'choice', choices: [{ label: 'FP32', value: 4 }, { label: 'BF16', value: 2 }, { label: 'FP8', value: 1 }] });
    expect(c.presets.map((p) => p.name)).toEqual(['Llama 3 8B', 'Llama 3 70B']);
    expect(c.plot).toEqual({ x: 'seq_len', y: 'kv_bytes', from: 128, to: 131072, points: 64, yScale: 'linear' });
  });

  it('computes outputs in order and formats them like numeric cards', () => {
    const c = compileCalculator(calc(KV));
    const v = evaluateOutputs(c, defaultValues(c.calc));
    // Llama 3 8B at 8k tokens in BF16: 2 * 32 * 8 * 128 * 2 = 131072 bytes per token, 1 GiB in all
    expect(v.per_token).toBe(131072);
    expect(v.kv_bytes).toBe(2 ** 30);
    expect(formatOutput(c.calc.outputs[1], v.kv_bytes)).toBe('1,073,741,824 bytes (1 GiB)');
    const p70 = applyPreset(defaultValues(c.calc), c.calc.presets[1]);
    expect(evaluateOutputs(c, p70).kv_bytes).toBe(2.5 * 2 ** 30);
    expect(presetActive(p70, c.calc.presets[1])).toBe(true);
    expect(presetActive(p70, c.calc.presets[0])).toBe(false);
  });

  it('plots the output across the input (log-spaced) and tabulates presets', () => {
    const c = compileCalculator(calc(KV));
    const s = plotSeries(c, defaultValues(c.calc))!;
    expect(s.xs[0]).toBe(128);
    expect(s.xs[63]).toBeCloseTo(131072);
    expect(s.xs[1] / s.xs[0]).toBeCloseTo(s.xs[2] / s.xs[1]);
    expect(s.ys[63]).toBeCloseTo(131072 * 131072);
    const more = plotSeries(c, { ...defaultValues(c.calc), batch: 4 })!;
    expect(more.ys[10]).toBeCloseTo(4 * s.ys[10]);
    expect(tableRows(c, defaultValues(c.calc))).toEqual([
      { label: 'Llama 3 8B', cells: ['131072 bytes (128 KiB)', '1,073,741,824 bytes (1 GiB)'] },
      { label: 'Llama 3 70B', cells: ['327680 bytes (320 KiB)', '2,684,354,560 bytes (2.5 GiB)'] },
    ]);
  });

  it('gives number inputs slider positions (log: a factor per position; the max is always reachable)', () => {
    const c = calc(KV);
    const seq = c.inputs[3] as NumberInput;
    expect(positionCount(seq)).toBe(11); // 128 .. 131072, doubling
    expect(positionValue(seq, 0)).toBe(128);
    expect(positionValue(seq, 6)).toBe(8192);
    expect(positionValue(seq, 10)).toBe(131072);
    expect(nearestPosition(seq, 8000)).toBe(6);
    const odd: NumberInput = { kind: 'number', name: 'x', label: 'x', min: 0, max: 10, step: 3, scale: 'linear', default: 0 };
    expect([...Array(positionCount(odd)).keys()].map((k) => positionValue(odd, k))).toEqual([0, 3, 6, 9, 10]);
    expect(nearestPosition(odd, 9.8)).toBe(4);
  });

  it('accepts choices as a list and outputs as plain expressions', () => {
    const c = calc('inputs:\n  n_heads: {choices: [8, 16, 32], default: 16}\n  d_model: {min: 512, max: 8192, step: 512, default: 4096}\noutputs:\n  d_head: d_model / n_heads\n');
    expect(evaluateOutputs(compileCalculator(c), defaultValues(c)).d_head).toBe(256);
  });

  it('reports unknown names at their line', () => {
    expect(problems('explore', 'inputs:\n  d_model: {min: 1, max: 8}\noutputs:\n  y:\n    expr: d_model * n_heads\n')).toEqual([
      '15 explore.unknown-name: output `y` uses `n_heads`, which is not an input or an earlier output (known: d_model)',
    ]);
    expect(problems('explore', 'inputs:\n  a: {min: 1, max: 8}\npresets:\n  P:\n    a: 2\n    b: 3\noutputs:\n  y: a\n')).toEqual([
      '16 explore.unknown-name: preset "P" sets `b`, which is not an input (inputs: a)',
    ]);
    expect(problems('explore', 'inputs:\n  a: {min: 1, max: 8}\noutputs:\n  y: a\nplot: {x: a, y: z}\n')[0]).toMatch(/^15 explore.unknown-name: plot `y` must name an output/);
    expect(problems('explore', 'inputs:\n  a: {min: 1, max: 8, maxx: 3}\noutputs:\n  y: a\n')[0]).toMatch(/^12 explore.unknown-field: unknown field `maxx`/);
  });

  it('reports bad ranges', () => {
    expect(problems('explore', 'inputs:\n  a:\n    min: 8\n    max: 1\noutputs:\n  y: a\n')).toEqual(['14 explore.range: input `a`: `min` (8) must be below `max` (1)']);
    expect(problems('explore', 'inputs:\n  a: {min: 0, max: 8, scale: log}\noutputs:\n  y: a\n')[0]).toMatch(/log scale needs `min` above 0/);
    expect(problems('explore', 'inputs:\n  a:\n    min: 1\n    max: 8\n    default: 9\noutputs:\n  y: a\n')).toEqual(['15 explore.range: input `a`: `default` (9) is outside 1 to 8']);
    expect(problems('explore', 'inputs:\n  a: {min: 1, max: 8}\npresets:\n  Big:\n    a: 80\noutputs:\n  y: a\n')).toEqual(['15 explore.range: preset "Big": `a` = 80 is outside 1 to 8']);
    expect(problems('explore', 'inputs:\n  b: {choices: [1, 2]}\npresets:\n  P: {b: 3}\noutputs:\n  y: b\n')[0]).toMatch(/`b` = 3 is not one of its choices/);
  });

  it('reports outputs that are not finite at a range end, for a preset, or on the plot', () => {
    expect(problems('explore', 'inputs:\n  a: {min: 0, max: 8, default: 4}\noutputs:\n  y:\n    expr: 1 / a\n')).toEqual([
      '14 explore.not-finite: output `y` is not a finite number with `a` = 0 (its minimum), the rest at defaults (Infinity)',
    ]);
    expect(problems('explore', 'inputs:\n  a: {min: 1, max: 8, default: 2}\n  b: {min: 1, max: 8, default: 5}\npresets:\n  Same: {a: 3, b: 3}\noutputs:\n  y: 1 / (a - b)\n')[0])
      .toMatch(/`y` is not a finite number for preset "Same"/);
    expect(problems('explore', 'inputs:\n  a: {min: -1, max: 1, step: 0.5}\noutputs:\n  y: a\nplot: {x: a, y: y, y_scale: log}\n')[0])
      .toMatch(/^15 explore.not-finite: plot: `y` is not a finite number above 0/);
  });

  it('checks finiteness for content checks only: a lesson rendered for display skips the dozens of evaluations', () => {
    const md = '```explore\ninputs:\n  a: {min: 0, max: 8, default: 4}\noutputs:\n  y:\n    expr: 1 / a\n```\n';
    const renderer = new LessonRenderer();
    const shown = renderer.render(md);
    expect(shown.problems).toEqual([]);
    expect(shown.html).toContain('class="exploration"');
    const checked = renderer.render(md, { checkExplorations: true });
    expect(checked.problems.map((p) => p.code)).toEqual(['explore.not-finite']);
    expect(checked.html).toContain('exploration-error');
  });

  it('reports YAML errors and wrong shapes without throwing', () => {
    expect(problems('explore', 'inputs: [\n')[0]).toMatch(/^1[12] explore.yaml/);
    expect(problems('explore', '- a\n- b\n')).toEqual(['10 explore.field: an explore block is a YAML mapping with `inputs` and `outputs`']);
    expect(problems('explore', 'inputs:\n  constructor: {min: 1, max: 2}\noutputs:\n  y: 1\n')[0]).toMatch(/must be a name like seq_len/);
    expect(problems('explore', 'inputs:\n  a: {min: 1, max: 2}\noutputs:\n  y: a +\n')[0]).toMatch(/explore.expression/);
  });

  it('bounds sizes before building anything', () => {
    const many = Array.from({ length: 40 }, (_, i) => `  x${i}: {min: 1, max: 2}`).join('\n');
    expect(problems('explore', `inputs:\n${many}\noutputs:\n  y: 1\n`)[0]).toMatch(/`inputs` must have 1 to 16 entries \(has 40\)/);
    expect(parse('explore', 'x'.repeat(30_000)).problems[0].code).toBe('explore.too-large');
  });

  it('validates the same value again from JSON (what the webview does), to the same result', () => {
    const first = parse('explore', KV);
    const again = validateExploration('explore', JSON.parse(JSON.stringify(load(KV))), () => 0);
    expect(again).toEqual({ exploration: first.exploration, problems: first.problems });
  });
});

describe('mask grid', () => {
  const grid = (m: boolean[][]) => m.map((r) => r.map((x) => (x ? 1 : 0)).join('')).join('/');

  it('builds causal, full, sliding-window and padding masks', () => {
    expect(grid(buildMask({ kind: 'causal', seqLen: 3 }).allowed)).toBe('100/110/111');
    expect(grid(buildMask({ kind: 'full', seqLen: 2 }).allowed)).toBe('11/11');
    expect(grid(buildMask({ kind: 'sliding-window', seqLen: 4, window: 2 }).allowed)).toBe('1000/1100/0110/0011');
    expect(grid(buildMask({ kind: 'padding', seqLen: 4, valid: 3, causal: false }).allowed)).toBe('1110/1110/1110/1110');
    const left = buildMask({ kind: 'padding', seqLen: 4, valid: 2, padSide: 'left', causal: true });
    expect(left.pad).toEqual([true, true, false, false]);
    expect(grid(left.allowed)).toBe('0000/0000/0010/0011');
  });

  it('packed sequences give a block-diagonal, causal mask', () => {
    const m = buildMask({ kind: 'packed', seqLen: 6, lengths: [2, 3, 1] });
    expect(m.segment).toEqual([0, 0, 1, 1, 1, 2]);
    expect(grid(m.allowed)).toBe('100000/110000/001000/001100/001110/000001');
    for (let q = 0; q < 6; q++) {
      for (let k = 0; k < 6; k++) expect(m.allowed[q][k]).toBe(k <= q && m.segment[q] === m.segment[k]);
    }
  });

  it('weights are a softmax over the allowed keys; fully masked rows are flagged', () => {
    const scores = [[0, 9, 9], [1, 1, 9], [0, 0, Math.log(2)]];
    const { weights, empty } = maskedSoftmax(scores, buildMask({ kind: 'causal', seqLen: 3 }).allowed);
    expect(weights[0]).toEqual([1, 0, 0]);
    expect(weights[1]).toEqual([0.5, 0.5, 0]);
    expect(weights[2][2]).toBeCloseTo(0.5);
    expect(empty).toEqual([false, false, false]);
    const left = buildMask({ kind: 'padding', seqLen: 3, valid: 1, padSide: 'left' });
    expect(maskedSoftmax(scores, left.allowed).empty).toEqual([true, true, false]);
  });

  it('widget blocks configure it, with checked sizes', () => {
    const r = parse('widget', 'kind: mask-grid\nmask: packed\nlengths: [3, 2, 3]\n');
    expect((r.exploration as { widget: MaskGridWidget }).widget.mask).toEqual({ kind: 'packed', seqLen: 8, lengths: [3, 2, 3] });
    expect(problems('widget', 'kind: mask-grid\nmask: packed\nseq_len: 6\nlengths: [3, 2, 3]\n')).toEqual(['14 explore.range: `lengths` add up to 8, not `seq_len` 6']);
    expect(problems('widget', 'kind: mask-grid\nseq_len: 100\n')[0]).toMatch(/`seq_len` must be a whole number from 1 to 32/);
    expect(problems('widget', 'kind: mask-grid\nseq_len: 2\nscores: [[1, 2], [3]]\n')[0]).toMatch(/row 2/);
    expect(problems('widget', 'kind: masks\n')).toEqual(['11 explore.field: `kind` must be one of mask-grid, softmax, online-softmax, event-flow (got masks)']);
  });
});

describe('softmax and sampling', () => {
  const logits = [2, 1, 0.5, 0, -1];
  it('temperature sharpens and flattens; 0 is greedy', () => {
    const p1 = sample(logits, { temperature: 1, topK: 0, topP: 1, minP: 0 });
    expect(p1.probs).toEqual(softmax(logits));
    expect(p1.final.reduce((a, b) => a + b)).toBeCloseTo(1);
    expect(sample(logits, { temperature: 0.5, topK: 0, topP: 1, minP: 0 }).probs[0]).toBeGreaterThan(p1.probs[0]);
    expect(sample(logits, { temperature: 5, topK: 0, topP: 1, minP: 0 }).probs[0]).toBeLessThan(p1.probs[0]);
    expect(sample(logits, { temperature: 0, topK: 0, topP: 1, minP: 0 }).final).toEqual([1, 0, 0, 0, 0]);
  });

  it('top-k, top-p and min-p remove tokens and the survivors are renormalized', () => {
    const k = sample(logits, { temperature: 1, topK: 2, topP: 1, minP: 0 });
    expect(k.removedBy).toEqual([null, null, 'top-k', 'top-k', 'top-k']);
    expect(k.final[0] / k.final[1]).toBeCloseTo(Math.E);
    expect(k.final[0] + k.final[1]).toBeCloseTo(1);
    // probabilities 0.5, 0.3, 0.2: top-p 0.8 keeps the first two (0.5 + 0.3 reaches 0.8)
    const p = sample([Math.log(0.5), Math.log(0.3), Math.log(0.2)], { temperature: 1, topK: 0, topP: 0.8, minP: 0 });
    expect(p.removedBy).toEqual([null, null, 'top-p']);
    const q = sample([Math.log(0.5), Math.log(0.3), Math.log(0.2)], { temperature: 1, topK: 0, topP: 0.81, minP: 0 });
    expect(q.removedBy).toEqual([null, null, null]);
    // min-p 0.5: a token needs half the top token's probability
    const m = sample([Math.log(0.5), Math.log(0.3), Math.log(0.2)], { temperature: 1, topK: 0, topP: 1, minP: 0.5 });
    expect(m.removedBy).toEqual([null, null, 'min-p']);
    expect(m.final[0]).toBeCloseTo(0.625);
  });

  it('the softmax widget block checks its lists', () => {
    expect(problems('widget', 'kind: softmax\ntokens: [a, b]\nlogits: [1, 2, 3]\n')).toEqual(['12 explore.field: `tokens` must list 3 names, one per logit']);
    expect(problems('widget', 'kind: softmax\nlogits: [1, 2]\ntop_p: 2\n')[0]).toMatch(/`top_p` must be a number from 0.01 to 1/);
  });
});

describe('online softmax stepper', () => {
  const scores = [1, 3, 0.5, 2, 4, -1, 2.5];
  it('ends equal to the full softmax, for every block size, with and without values', () => {
    const values = scores.map((_, i) => [i, 10 - i]);
    for (const block of [1, 2, 3, 7]) {
      for (const v of [undefined, values]) {
        const steps = onlineSoftmax(scores, block, v);
        const last = steps[steps.length - 1];
        const full = fullSoftmax(scores, v);
        expect(steps.length).toBe(Math.ceil(scores.length / block));
        expect(last.max).toBe(full.max);
        expect(last.sum).toBeCloseTo(full.sum, 12);
        last.out.forEach((x, d) => expect(x).toBeCloseTo(full.out[d], 12));
        last.weights.forEach((w, i) => expect(w).toBeCloseTo(full.probs[i], 12));
      }
    }
  });

  it('rescales the running sum when the maximum grows', () => {
    const [a, b, c] = onlineSoftmax([1, 3, 0.5, 2, 4, -1], 2);
    expect(a).toMatchObject({ start: 0, end: 2, blockMax: 3, max: 3, rescale: 0 });
    expect(b).toMatchObject({ blockMax: 2, prevMax: 3, max: 3, rescale: 1 });
    expect(c.rescale).toBeCloseTo(Math.exp(3 - 4));
    expect(c.sum).toBeCloseTo(b.sum * Math.exp(-1) + Math.exp(0) + Math.exp(-5));
  });

  it('the widget block checks values against scores', () => {
    expect(problems('widget', 'kind: online-softmax\nscores: [1, 2, 3]\nvalues: [1, 2]\n')).toEqual(['13 explore.field: `values` must have one entry per score (3)']);
    expect(problems('widget', 'kind: online-softmax\nscores: [1, 2, 3]\nblock: 5\n')[0]).toMatch(/`block` must be a whole number from 1 to 3/);
  });
});

describe('event flow player', () => {
  const FLOW = `kind: event-flow
subscribers:
  - {id: controller, label: AgentController, receives: [all]}
  - {id: runtime, label: Runtime, receives: [action]}
  - {id: server, label: Server, receives: [source:agent, observation]}
events:
  - id: 0
    source: user
    action: message
    content: Fix the failing test
    handled: {controller: steps the agent}
  - id: 1
    source: agent
    action: run
    content: pytest -x
    handled: {runtime: runs it in the sandbox, controller: waits for the observation}
  - id: 2
    source: environment
    observation: run
    cause: 1
    handled: {controller: steps the agent again}
`;
  it('says who receives each event, what each does, and which actions wait', () => {
    const r = parse('widget', FLOW);
    expect(r.problems).toEqual([]);
    const flow = (r.exploration as { widget: EventFlowWidget }).widget;
    expect(flow.controller).toBe('controller');
    const steps = flowSteps(flow);
    expect(steps.map((s) => s.deliveries.filter((d) => d.receives).map((d) => d.subscriber.id))).toEqual([
      ['controller', 'runtime'], ['controller', 'runtime', 'server'], ['controller', 'server'],
    ]);
    expect(steps[1].deliveries[1].does).toBe('runs it in the sandbox');
    expect(steps[1].deliveries[2].does).toBeUndefined();
    expect(steps.map((s) => s.pending)).toEqual([[], [1], []]);
    expect(steps[2].cause?.id).toBe(1);
  });

  it('reports bad causes, unknown subscribers and handlers that do not receive the event, at their line', () => {
    expect(problems('widget', FLOW.replace('cause: 1', 'cause: 7'))).toEqual(['30 explore.unknown-name: event 2: `cause` 7 is not an earlier event']);
    expect(problems('widget', FLOW.replace('handled: {controller: steps the agent}', 'handled: {server: relays it}'))[0])
      .toMatch(/^21 explore.field: event 0: subscriber "server" does not receive this action/);
    expect(problems('widget', FLOW.replace('handled: {controller: steps the agent again}', 'handled: {memory: x}'))[0]).toMatch(/"memory" is not a subscriber/);
    expect(problems('widget', FLOW.replace('id: 2', 'id: 1'))[0]).toMatch(/event ids must increase/);
  });
});

describe('lesson renderer: exploration fences', () => {
  it('renders a placeholder with the value as escaped JSON, and a broken block as a note with problems, the rest of the lesson intact', async () => {
    const { LessonRenderer } = await import('../../src/core/render/lessonRenderer');
    const md = [
      '# Title', '',
      '```explore', 'title: "<b>KV</b> & co"', 'inputs:', '  seq_len: {min: 1, max: 8}', 'outputs:', '  y: 2 * seq_len', '```', '',
      'Between.', '',
      '```widget', 'kind: online-softmax', 'scores: [1, 2]', 'block: 9', '```', '',
      'After the broken block.', '',
    ].join('\n');
    const r = new LessonRenderer().render(md, { firstLine: 5 });
    expect(r.problems).toEqual([{ line: 20, code: 'explore.field', message: '`block` must be a whole number from 1 to 2 (got 9)' }]);
    expect(r.html).toContain('<p>After the broken block.</p>');
    expect(r.html).toContain('<div class="exploration-error" role="note" data-line="17"><strong>Exploration not shown.</strong> `block` must be');
    const m = /<div class="exploration" data-fence="explore" data-line="7" data-config="([^"]*)">/.exec(r.html);
    expect(m).not.toBeNull();
    expect(m![1]).not.toMatch(/[<>]/);
    const decoded = m![1].replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
    expect(JSON.parse(decoded).title).toBe('<b>KV</b> & co');
    expect(r.html).toContain('&lt;b&gt;KV&lt;/b&gt; &amp; co');
  });
});

describe('docs/authoring.md examples', () => {
  it('every explore and widget example in the authoring guide is valid', async () => {
    const { readFileSync } = await import('node:fs');
    const doc = readFileSync(new URL('../../docs/authoring.md', import.meta.url), 'utf8');
    const blocks = [...doc.matchAll(/^```(explore|widget)\n([\s\S]*?)^```$/gm)];
    expect(blocks.length).toBeGreaterThanOrEqual(5);
    for (const [, fence, body] of blocks) expect(parse(fence as 'explore' | 'widget', body).problems).toEqual([]);
  });
});

describe('hostile values', () => {
  it('the validators never throw on arbitrary JSON (what a tampered page could carry)', async () => {
    const { rng } = await import('./seededRandom');
    const random = rng(15);
    const keys = ['kind', 'mask', 'inputs', 'outputs', 'presets', 'plot', 'table', 'min', 'max', 'step', 'scale', 'default', 'choices', 'expr',
      'x', 'y', 'rows', 'columns', 'values', 'scores', 'logits', 'tokens', 'events', 'subscribers', 'id', 'source', 'action', 'cause', 'handled',
      'receives', 'lengths', 'seq_len', 'window', 'valid', 'block', 'a', '__proto__', 'constructor', 'mask-grid', 'softmax', 'online-softmax', 'event-flow'];
    const leaf = (): unknown => [0, -1, 1e308, -Infinity, NaN, 2.5, 'log', 'presets', 'a * b', '', null, true, keys[Math.floor(random() * keys.length)]][Math.floor(random() * 13)];
    const value = (depth: number): unknown => {
      const r = random();
      if (depth > 4 || r < 0.35) return leaf();
      if (r < 0.6) return Array.from({ length: Math.floor(random() * 5) }, () => value(depth + 1));
      const o: Record<string, unknown> = {};
      for (let i = Math.floor(random() * 6); i > 0; i--) o[keys[Math.floor(random() * keys.length)]] = value(depth + 1);
      return o;
    };
    for (let i = 0; i < 3000; i++) {
      const v = value(0);
      if (i % 2 && v && typeof v === 'object' && !Array.isArray(v)) (v as Record<string, unknown>).kind = ['mask-grid', 'softmax', 'online-softmax', 'event-flow'][i % 4];
      expect(() => validateExploration('explore', v, () => 1)).not.toThrow();
      expect(() => validateExploration('widget', v, () => 1)).not.toThrow();
    }
  });

  it('prototype names are not inputs, outputs or preset targets', () => {
    expect(problems('explore', 'inputs:\n  a: {min: 1, max: 2}\npresets:\n  P: {constructor: 1}\noutputs:\n  toString: a\n').length).toBeGreaterThan(0);
    expect(problems('explore', 'inputs:\n  a: {min: 1, max: 2}\noutputs:\n  y: constructor\n')[0]).toMatch(/uses `constructor`/);
  });
});
