import { describe, expect, it } from 'vitest';
import { cardFaces, checkNumericAnswer, formatAnswer, formatNumber, interpolate, magnitude, parseShown, pickParams } from '../../src/core/content/cardText';
import { findClozes } from '../../src/core/content/cloze';
import { parseDeck, parseTolerance } from '../../src/core/content/deckParser';
import { evaluateString, parseExpression } from '../../src/core/content/expression';

const deck = (body: string, fm = 'id: attn\ntitle: Attention\nlesson: self-attention') => `---\n${fm}\n---\n${body}`;

const sample = deck(`
# Self-attention deck

## sa-why-scale
type: basic
category: concept
tags: [softmax]

Why divide by $\\sqrt{d_k}$?
?
The dot product of two random unit-variance vectors has variance $d_k$.

## sa-formula
type: cloze
category: equation

$\\mathrm{softmax}\\left({{c1::\\frac{QK^\\top}{\\sqrt{d_k}}}}\\right){{c2::V}}$ and {{c1::again::hint}}
?
Extra note.

## kv-bytes
type: numeric
category: equation
params:
  L: {min: 24, max: 80, step: 8}
  kvh: [8, 32]
answer: 2 * L * kvh * 128 * 2 * 4096 / 2^30
unit: GiB
tolerance: 2%

KV cache of {{L}} layers and {{kvh}} KV heads?
?
{{= 2*L*kvh*128*2*4096}} bytes = {{answer}} GiB.

## oh-path
type: trace
category: mechanism

Order the path of a message.
?
1. Browser sends \`oh_user_action\`
2. Server adds a MessageAction
   to the EventStream
3. Controller steps the agent

The controller is subscribed to the stream.
`);

describe('parseDeck', () => {
  it('parses all four card types with stable ids and lines', () => {
    const r = parseDeck('d.deck.md', sample);
    expect(r.diagnostics).toEqual([]);
    expect(r.deck).toMatchObject({ id: 'attn', lesson: 'self-attention' });
    const cards = r.deck!.cards;
    expect(cards.map((c) => c.id)).toEqual(['sa-why-scale', 'sa-formula#c1', 'sa-formula#c2', 'kv-bytes', 'oh-path']);
    expect(cards[0]).toMatchObject({ type: 'basic', category: 'concept', tags: ['softmax'], line: 9, back: expect.stringContaining('variance') });
    expect(cards[1]).toMatchObject({ noteId: 'sa-formula', cloze: { index: 1 }, back: 'Extra note.' });
    expect(cards[3].numeric).toMatchObject({ unit: 'GiB', tolerance: { kind: 'relative', value: 0.02 } });
    expect(cards[4].trace).toEqual({
      steps: ['Browser sends `oh_user_action`', 'Server adds a MessageAction to the EventStream', 'Controller steps the agent'],
      note: 'The controller is subscribed to the stream.',
    });
  });

  it('keeps a card id when its text is edited', () => {
    const edited = parseDeck('d.deck.md', sample.replace('Why divide by', 'Why do we divide the scores by'));
    expect(edited.deck!.cards[0].id).toBe('sa-why-scale');
  });

  it('does not split front and back on a `?` inside a code fence', () => {
    const r = parseDeck('d.deck.md', deck('## c1\ntype: basic\ncategory: implementation\n\n```python\n?\n```\n?\nback'));
    expect(r.deck!.cards[0].front).toContain('```python\n?\n```');
    expect(r.deck!.cards[0].back).toBe('back');
  });

  it('reports each malformed card at its line and keeps the others', () => {
    const r = parseDeck('d.deck.md', deck(`## ok
type: basic
category: concept

Front
?
Back

## Bad Id
type: basic

## no-type
category: concept

x
?
y

## unknown-type
type: essay
category: concept

## no-back
type: basic
category: concept

Only a front

## cloze-none
type: cloze
category: equation

No deletions here.

## numeric-bad
type: numeric
category: equation
answer: 2 * x
tolerance: lots

Q
?
A

## basic-with-answer
type: basic
category: concept
answer: 3

Q
?
A

## trace-short
type: trace
category: mechanism

Q
?
1. only one step
`));
    expect(r.deck!.cards.map((c) => c.id)).toEqual(['ok', 'basic-with-answer']);
    const codes = r.diagnostics.map((d) => `${d.line}:${d.code}`);
    expect(codes).toEqual([
      '14:card.bad-id',
      '17:card.missing-field',
      '25:card.bad-field',
      '32:card.no-back',
      '38:card.cloze',
      '44:card.tolerance',
      '43:card.answer',
      '53:card.unknown-field',
      '65:card.trace',
    ]);
  });

  it('checks the answer over the parameter grid: finite everywhere, and the shown rounding within tolerance', () => {
    const numeric = (id: string, attrs: string) => `## ${id}\ntype: numeric\ncategory: equation\n${attrs}\n\nQ?\n?\n{{answer}}\n`;
    const r = parseDeck('d.deck.md', deck([
      numeric('rounded-too-far', 'answer: b / 1024\nparams:\n  b: [128, 512]\nprecision: 2\ntolerance: 1%'),
      numeric('rounded-enough', 'answer: b / 1024\nparams:\n  b: [128, 512]\nprecision: 3\ntolerance: 1%'),
      numeric('absolute-ok', 'answer: b / 1024\nparams:\n  b: [128, 512]\nprecision: 2\ntolerance: 0.01'),
      numeric('pole-in-range', 'answer: 1 / (a - 5)\nparams:\n  a: {min: 1, max: 9}'),
      numeric('pole-off-grid', 'answer: 1 / (a - 5)\nparams:\n  a: {min: 2, max: 9, step: 2}'),
    ].join('\n')));
    expect(r.deck!.cards.map((c) => c.id)).toEqual(['rounded-too-far', 'rounded-enough', 'absolute-ok', 'pole-off-grid']);
    expect(r.diagnostics.map((d) => [d.severity, d.code, d.message.slice(0, 50)])).toEqual([
      ['warning', 'card.precision', 'the answer shown with precision 2 (0.13) is outsid'],
      ['error', 'card.answer', '`answer` is not a finite number for a = 5'],
    ]);
  });

  it('requires exactly one attachment and warns on an empty deck', () => {
    expect(parseDeck('d.deck.md', deck('', 'id: x')).diagnostics.map((d) => d.code)).toEqual(['deck.unattached', 'deck.empty']);
    expect(parseDeck('d.deck.md', deck('', 'id: x\nlesson: a\nstage: b')).diagnostics.map((d) => d.code)).toEqual(['deck.attached-twice', 'deck.empty']);
  });
});

describe('cloze', () => {
  it('balances braces so LaTeX can live inside a deletion', () => {
    const { deletions, errors } = findClozes('a {{c1::\\frac{a}{b}}} b {{c2::x::hint}}');
    expect(errors).toEqual([]);
    expect(deletions.map((d) => [d.index, d.answer, d.hint])).toEqual([[1, '\\frac{a}{b}', undefined], [2, 'x', 'hint']]);
  });

  it('reports an unclosed deletion', () => {
    expect(findClozes('a {{c1::oops').errors).toHaveLength(1);
  });

  it('masks only its own deletion, inside math with \\boxed', () => {
    const card = parseDeck('d.deck.md', sample).deck!.cards[1];
    const faces = cardFaces(card);
    expect(faces.front).toContain('\\boxed{\\;?\\;}');
    expect(faces.front).toContain('{V}'.slice(1, 2)); // c2 shows its answer
    expect(faces.front).toContain('**[hint]**');
    expect(faces.back).toContain('\\boxed{\\frac{QK^\\top}{\\sqrt{d_k}}}');
    expect(faces.back).toContain('**again**');
    expect(faces.back).toContain('Extra note.');
  });
});

describe('numeric cards', () => {
  it('evaluates with operator precedence and right-associative powers', () => {
    expect(evaluateString('2 + 3 * 4', {})).toBe(14);
    expect(evaluateString('2^3^2', {})).toBe(512);
    expect(evaluateString('-2^2', {})).toBe(-4);
    expect(evaluateString('max(1, L) / 2', { L: 8 })).toBe(4);
    expect(evaluateString('2 ** 10', {})).toBe(1024);
    expect(() => parseExpression('2 +')).toThrow();
    expect(() => parseExpression('alert(1)')).toThrow(/unknown function/);
    expect(() => parseExpression('a; b')).toThrow();
  });

  it('instantiates parameters on their grid and interpolates text', () => {
    const card = parseDeck('d.deck.md', sample).deck!.cards[3];
    const first = cardFaces(card);
    expect(first.numeric).toEqual({ values: { L: 24, kvh: 8 }, answer: 0.375 });
    expect(first.front).toBe('KV cache of 24 layers and 8 KV heads?');
    expect(first.back).toBe('402,653,184 bytes (384 MiB) = 0.375 GiB.');
    const top = pickParams(card.numeric!, () => 0.9999);
    expect(top).toEqual({ L: 80, kvh: 32 });
  });

  it('prints large answers readably, in a form that can be typed back (issue 11 item 12)', () => {
    expect(formatNumber(17179869184, 3)).toBe('17,179,869,184');
    expect(formatNumber(274877906944, 2)).toBe('274,877,906,944');
    expect(formatNumber(3.15e23, 2)).toBe('3.150e23');
    expect(formatNumber(-1234567)).toBe('-1,234,567');
    expect(formatNumber(0.375, 3)).toBe('0.375');
    expect(formatNumber(999999.5, 1)).toBe('999999.5');
    expect(formatNumber(0.00012345)).toBe('0.0001234');
    for (const v of [17179869184, 274877906944, 3.15e23, -1234567, 2.5e15]) {
      expect(parseShown(formatNumber(v, 2)) / v).toBeCloseTo(1, 3);
      expect(checkNumericAnswer(formatNumber(v, 2), v, { answer: 'x', params: [], tolerance: { kind: 'relative', value: 0.01 } }).ok).toBe(true);
    }
    expect(magnitude(17179869184, 'bytes')).toBe('16 GiB');
    expect(magnitude(1536, 'B')).toBe('1.5 KiB');
    expect(magnitude(1000, 'bytes')).toBeUndefined();
    expect(magnitude(274877906944, 'FLOPs')).toBe('275 GFLOPs');
    expect(magnitude(3.15e23, 'FLOPs')).toBe('315 ZFLOPs');
    expect(magnitude(5e6, 'ms')).toBeUndefined();
    expect(formatAnswer(17179869184, 'bytes', 3)).toBe('17,179,869,184 bytes (16 GiB)');
    expect(formatAnswer(274877906944, 'FLOPs', 2)).toBe('274,877,906,944 FLOPs (275 GFLOPs)');
    expect(formatAnswer(12.5, 'GiB', 1)).toBe('12.5 GiB');
    const spec = { answer: 'x', params: [], unit: 'FLOPs', precision: 2, tolerance: { kind: 'relative' as const, value: 0.01 } };
    expect(interpolate('{{answer}} FLOPs, {{= answer / 2}} FLOPs per half, {{n}} layers', { n: 32 }, 274877906944, spec))
      .toBe('274,877,906,944 FLOPs (275 GFLOPs), 137,438,953,472 FLOPs (137 GFLOPs) per half, 32 layers');
    // an expression that comes out whole (a count) is shown as one; a fraction keeps the card's precision
    const counts = { ...spec, unit: 'tokens', precision: 3 };
    expect(interpolate('{{= B - 1}} sequences, {{= 1 / 3}} of them, {{answer}} tokens', { B: 4 }, 120, counts)).toBe('3 sequences, 0.333 of them, 120.000 tokens');
  });

  it('checks typed answers against the tolerance and unit', () => {
    const spec = { answer: 'x', params: [], unit: 'GiB', tolerance: { kind: 'relative' as const, value: 0.02 } };
    expect(checkNumericAnswer('0.38 GiB', 0.375, spec).ok).toBe(true);
    expect(checkNumericAnswer('0.39', 0.375, spec).ok).toBe(false);
    expect(checkNumericAnswer('1,000', 1000, spec).ok).toBe(true);
    expect(checkNumericAnswer('abc', 1, spec).ok).toBe(false);
    expect(parseTolerance('5%')).toEqual({ kind: 'relative', value: 0.05 });
    expect(parseTolerance(0.5)).toEqual({ kind: 'absolute', value: 0.5 });
    expect(parseTolerance('-1')).toBeUndefined();
    expect(interpolate('{{nope}}', {}, 1, spec)).toBe('{{nope}}');
  });
});
