import type { Card, NumericParam, NumericSpec } from '../types';
import { findClozes, renderCloze, type ClozeDeletion } from './cloze';
import { evaluateString } from './expression';

/** Markdown of a card's two faces, ready for the lesson renderer. */
export interface CardFaces {
  front: string;
  back: string;
  /** Numeric cards: the parameter values and the expected answer of this instance. */
  numeric?: { values: Record<string, number>; answer: number };
}

/** Uniform random in [0, 1): injected so tests and validation are deterministic. */
export type Random = () => number;

export function cardFaces(card: Card, random?: Random): CardFaces {
  switch (card.type) {
    case 'cloze':
      return clozeFaces(card, (d) => d.index === (card.cloze?.index ?? 1));
    case 'numeric': {
      const spec = card.numeric!;
      const values = pickParams(spec, random);
      const answer = evaluateString(spec.answer, values);
      const fill = (s: string) => interpolate(s, values, answer, spec);
      return { front: fill(card.front), back: fill(card.back), numeric: { values, answer } };
    }
    default:
      return { front: card.front, back: card.back };
  }
}

/**
 * A cloze note with every deletion hidden (front) and shown (back): what the render check needs
 * once per note, where rendering each of its cards would re-render the whole note per card.
 */
export function clozeNoteFaces(card: Card): CardFaces {
  return clozeFaces(card, () => true);
}

function clozeFaces(card: Card, hidden: (d: ClozeDeletion) => boolean): CardFaces {
  const text = card.front;
  const { deletions } = findClozes(text);
  const inMath = insideMath(text, deletions);
  const front = renderCloze(text, deletions, (d, i) => (hidden(d) ? mask(d, inMath[i]) : d.answer));
  const back = renderCloze(text, deletions, (d, i) => (hidden(d) ? reveal(d, inMath[i]) : d.answer));
  return { front, back: card.back ? `${back}\n\n${card.back}` : back };
}

/** For each deletion (in text order), is it inside `$...$` / `$$...$$` math? One pass over the text. */
function insideMath(text: string, deletions: readonly ClozeDeletion[]): boolean[] {
  const out: boolean[] = [];
  let dollars = 0;
  let i = 0;
  for (const d of deletions) {
    for (; i < d.start; i++) {
      if (text[i] === '\\') i++;
      else if (text[i] === '$') dollars++;
    }
    out.push(dollars % 2 === 1);
  }
  return out;
}

function mask(d: ClozeDeletion, inMath: boolean): string {
  if (inMath) return d.hint ? `\\boxed{\\text{${d.hint.replace(/[{}\\]/g, '')}}}` : '\\boxed{\\;?\\;}';
  return d.hint ? `**[${d.hint}]**` : '**[…]**';
}

function reveal(d: ClozeDeletion, inMath: boolean): string {
  return inMath ? `\\boxed{${d.answer}}` : `**${d.answer}**`;
}

/** Choose parameter values: the first choice / the minimum without `random`, else uniformly on the grid. */
export function pickParams(spec: NumericSpec, random?: Random): Record<string, number> {
  const values: Record<string, number> = {};
  for (const p of spec.params) {
    if (p.choices) {
      values[p.name] = random ? p.choices[Math.floor(random() * p.choices.length)] : p.choices[0];
    } else {
      const n = rangeSteps(p);
      values[p.name] = rangeValue(p, random ? Math.floor(random() * (n + 1)) : 0);
    }
  }
  return values;
}

/** A range's step: `step`, else 1 for whole-number bounds, else a hundredth of the range. */
function rangeStep(p: NumericParam): number {
  return p.step ?? (Number.isInteger(p.min) && Number.isInteger(p.max) ? 1 : (p.max! - p.min!) / 100);
}

/** How many steps fit in a range: its values are `rangeValue(p, 0..n)`. */
export function rangeSteps(p: NumericParam): number {
  return Math.floor((p.max! - p.min!) / rangeStep(p) + 1e-9);
}

/** The k-th value of a range's grid. */
export function rangeValue(p: NumericParam, k: number): number {
  return roundTo(p.min! + k * rangeStep(p), 10);
}

/**
 * A number as a card shows it, in a form a learner can type back (checkNumericAnswer ignores the
 * commas): `precision` decimals below a million; above, whole numbers get thousands separators
 * ("17,179,869,184", not "17179869184.000") and the rest four significant digits ("3.150e23").
 */
export function formatNumber(v: number, precision?: number): string {
  const abs = Math.abs(v);
  if (abs >= 1e6 && Number.isFinite(v)) {
    if (Number.isInteger(v) && abs < 1e15) return groupThousands(v);
    return v.toPrecision(4).replace('e+', 'e');
  }
  if (precision !== undefined) return v.toFixed(precision);
  if (Number.isInteger(v)) return String(v);
  return abs < 1e-3 ? v.toPrecision(4) : String(roundTo(v, 4));
}

/** The number formatNumber printed (commas and all). */
export function parseShown(text: string): number {
  return Number(text.replace(/,/g, ''));
}

function groupThousands(v: number): string {
  const digits = String(Math.abs(v));
  return (v < 0 ? '-' : '') + digits.replace(/\B(?=(\d{3})+$)/g, ',');
}

const BINARY_PREFIXES = ['KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];
const SI_PREFIXES = ['k', 'M', 'G', 'T', 'P', 'E', 'Z', 'Y'];
const BYTE_UNIT = /^(?:bytes?|B)$/;
const FLOP_UNIT = /^FLOP(?:s|\/s)?$/;

/**
 * A large quantity at a readable magnitude, for the units whose numbers run to many digits:
 * bytes in binary prefixes ("16 GiB"), FLOPs in SI prefixes ("275 GFLOPs"). Undefined for other
 * units and for small values, where the number itself reads well.
 */
export function magnitude(v: number, unit: string | undefined): string | undefined {
  if (!unit || !Number.isFinite(v)) return undefined;
  const abs = Math.abs(v);
  if (BYTE_UNIT.test(unit) && abs >= 1024) {
    const k = Math.min(BINARY_PREFIXES.length, Math.floor(Math.log(abs) / Math.log(1024)));
    return `${significant(v / 1024 ** k)} ${BINARY_PREFIXES[k - 1]}`;
  }
  if (FLOP_UNIT.test(unit) && abs >= 1e3) {
    const k = Math.min(SI_PREFIXES.length, Math.floor(Math.log10(abs) / 3));
    return `${significant(v / 1000 ** k)} ${SI_PREFIXES[k - 1]}${unit}`;
  }
  return undefined;
}

/** Three significant digits without trailing zeros: 16, 2.75, 275, 1.5. */
function significant(v: number): string {
  return String(Number(v.toPrecision(3)));
}

/** A numeric card's answer as its back shows it: the number in the card's unit, and its magnitude. */
export function formatAnswer(v: number, unit: string | undefined, precision?: number): string {
  const mag = magnitude(v, unit);
  return `${formatNumber(v, precision)}${unit ? ` ${unit}` : ''}${mag ? ` (${mag})` : ''}`;
}

function roundTo(v: number, digits: number): number {
  return Number(v.toFixed(digits));
}

/** `{{name}}`, `{{answer}}` and `{{= expr}}` in numeric card text. Unknown names are left as written. */
export function interpolate(text: string, values: Record<string, number>, answer: number, spec: NumericSpec): string {
  // a value written before its unit ("{{answer}} bytes") also gets its magnitude ("… bytes (16 GiB)")
  return text.replace(/\{\{\s*(=)?\s*([^{}]+?)\s*\}\}( (bytes?|B|FLOPs?|FLOP\/s)\b)?/g, (whole, isExpr: string | undefined, body: string, unitText = '', unit?: string) => {
    const shown = (v: number, precision?: number) => {
      const mag = magnitude(v, unit);
      return `${formatNumber(v, precision)}${unitText}${mag ? ` (${mag})` : ''}`;
    };
    if (isExpr) {
      try {
        // a whole number (a count, a product of sizes) reads as one: "3 tokens", not "3.00 tokens"
        const v = evaluateString(body, { ...values, answer });
        return shown(v, Number.isInteger(v) ? undefined : spec.precision);
      } catch {
        return whole;
      }
    }
    if (body === 'answer') return shown(answer, spec.precision);
    return Object.hasOwn(values, body) ? shown(values[body]) : whole;
  });
}

export function checkNumericAnswer(typed: string, expected: number, spec: NumericSpec): { ok: boolean; value?: number } {
  let s = typed.trim().replace(/,/g, '');
  if (spec.unit && s.toLowerCase().endsWith(spec.unit.toLowerCase())) s = s.slice(0, -spec.unit.length).trim();
  const value = Number(s);
  if (s === '' || !Number.isFinite(value)) return { ok: false };
  return { ok: withinTolerance(value, expected, spec.tolerance), value };
}

export function withinTolerance(value: number, expected: number, tolerance: NumericSpec['tolerance']): boolean {
  const tol = tolerance.kind === 'relative' ? Math.abs(expected) * tolerance.value : tolerance.value;
  return Math.abs(value - expected) <= tol + 1e-12;
}
