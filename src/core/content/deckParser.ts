import { diag, type ContentDiagnostic } from '../diagnostics';
import { CARD_CATEGORIES, CARD_TYPES, type Card, type Deck, type NumericParam, type NumericSpec } from '../types';
import { formatNumber, parseShown, rangeSteps, rangeValue, withinTolerance } from './cardText';
import { findClozes } from './cloze';
import { evaluate, freeVariables, isPrototypeName, parseExpression } from './expression';
import { CARD_ID_PATTERN, FieldReader, ID_HINT, ID_PATTERN, preview } from './fields';
import { parseFrontMatter } from './frontMatter';
import { isRecord, parseYamlBlock } from './yamlBlock';
import { findCodeRefs } from '../sources/codeRef';

export interface ParsedDeck {
  deck?: Deck;
  diagnostics: ContentDiagnostic[];
}

const CARD_HEADING = /^##\s+(.*?)\s*$/;
const FENCE = /^\s*(```|~~~)/;
const NUMERIC_FIELDS = ['answer', 'params', 'unit', 'tolerance', 'precision'];

/** Parse a `*.deck.md` file: frontmatter naming the deck and what it is attached to, then `## card-id` sections. */
export function parseDeck(file: string, text: string): ParsedDeck {
  const diagnostics: ContentDiagnostic[] = [];
  const fm = parseFrontMatter(file, text, diagnostics);
  if (!fm) return { diagnostics };
  const r = new FieldReader(file, fm.data, fm.keyLines, 1, diagnostics, 'deck');
  r.unknownKeys(['id', 'title', 'lesson', 'stage']);
  const id = r.string('id', true, ID_PATTERN, ID_HINT);
  const title = r.string('title', false);
  const lesson = r.string('lesson', false, ID_PATTERN, ID_HINT);
  const stage = r.string('stage', false, ID_PATTERN, ID_HINT);
  const hasLesson = fm.data.lesson !== undefined;
  const hasStage = fm.data.stage !== undefined;
  if (!hasLesson && !hasStage) r.error('id', 'deck.unattached', 'a deck must name the `lesson` or the `stage` it belongs to');
  else if (hasLesson && hasStage) r.error('stage', 'deck.attached-twice', 'a deck belongs to one `lesson` or one `stage`, not both');
  if (!id) return { diagnostics };
  const cards = parseCards(file, id, fm.body, fm.bodyLine, diagnostics);
  if (cards.length === 0) diagnostics.push(diag(file, fm.bodyLine, 'deck.empty', 'deck has no cards: start each card with a line `## card-id`', 'warning'));
  return { deck: { id, title: title ?? id, lesson, stage, cards, file, line: 1, fieldLines: fm.keyLines }, diagnostics };
}

interface Section {
  heading: string;
  line: number;
  lines: string[];
}

function splitSections(body: string, bodyLine: number, file: string, out: ContentDiagnostic[]): Section[] {
  const sections: Section[] = [];
  const lines = body.split(/\r?\n/);
  let current: Section | undefined;
  let inFence = false;
  let strayLine = 0;
  lines.forEach((text, i) => {
    if (FENCE.test(text)) inFence = !inFence;
    const m = !inFence && CARD_HEADING.exec(text);
    if (m) {
      current = { heading: m[1], line: bodyLine + i, lines: [] };
      sections.push(current);
    } else if (current) {
      current.lines.push(text);
    } else if (text.trim() !== '' && !/^#\s/.test(text) && !/^<!--.*-->\s*$/.test(text) && !strayLine) {
      strayLine = bodyLine + i;
    }
  });
  if (strayLine) out.push(diag(file, strayLine, 'deck.stray-text', 'text before the first `## card-id` heading is ignored', 'warning'));
  return sections;
}

function parseCards(file: string, deckId: string, body: string, bodyLine: number, out: ContentDiagnostic[]): Card[] {
  const cards: Card[] = [];
  for (const s of splitSections(body, bodyLine, file, out)) {
    const noteId = s.heading;
    if (!CARD_ID_PATTERN.test(noteId)) {
      out.push(diag(file, s.line, 'card.bad-id', `card id "${noteId}" is not valid: use lowercase letters, digits, dots, dashes and underscores; the id keeps the card's review history, so never derive it from the text`));
      continue;
    }
    // attribute block: from the line after the heading to the first blank line
    let i = 0;
    while (i < s.lines.length && s.lines[i].trim() === '') i++;
    const attrStart = i;
    while (i < s.lines.length && s.lines[i].trim() !== '') i++;
    const attrText = s.lines.slice(attrStart, i).join('\n');
    const attrLine = s.line + 1 + attrStart;
    const parsed = parseYamlBlock(attrText, attrLine);
    if (!parsed.ok || !isRecord(parsed.value)) {
      out.push(diag(file, parsed.ok ? attrLine : parsed.line, 'card.attributes',
        `card ${noteId}: the lines after the heading must be \`key: value\` attributes (type, category) followed by a blank line${parsed.ok ? '' : `: ${parsed.message}`}`));
      continue;
    }
    const attrs = parsed.value;
    const r = new FieldReader(file, attrs, parsed.keyLines, s.line, out, 'card');
    r.unknownKeys(['type', 'category', 'tags', ...NUMERIC_FIELDS]);
    const type = r.oneOf('type', CARD_TYPES, true);
    const category = r.oneOf('category', CARD_CATEGORIES, true);
    const tags = r.stringList('tags');
    if (!type || !category) continue;
    if (type !== 'numeric') {
      for (const f of NUMERIC_FIELDS) if (f in attrs) r.error(f, 'card.unknown-field', `\`${f}\` is only for numeric cards`);
    }
    const contentLine = s.line + 1 + i + 1;
    const { front, back, backLine } = splitFrontBack(s.lines.slice(i + 1), contentLine);
    const refs = findCodeRefs([front, back ?? ''].join('\n'), s.line);
    for (const r of refs) if (!r.ref.repo) out.push(diag(file, s.line, 'code-ref.syntax', `card ${noteId}: invalid code reference "${r.url}"`));
    // lines inside a card are approximate; the card's heading line is what a diagnostic needs
    const codeRefs = refs.filter((r) => r.ref.repo).map((r) => ({ ...r, line: s.line }));
    const base = { noteId, deckId, type, category, tags, file, line: s.line, codeRefs };
    const err = (line: number, code: string, message: string) => out.push(diag(file, line, code, `card ${noteId}: ${message}`));
    switch (type) {
      case 'basic':
        if (!front.trim()) err(s.line, 'card.empty-front', 'the front is empty');
        else if (back === undefined) err(contentLine, 'card.no-back', 'put a line with only `?` between the front and the back');
        else if (!back.trim()) err(backLine, 'card.empty-back', 'the back is empty');
        else cards.push({ ...base, id: noteId, front, back });
        break;
      case 'cloze': {
        const { deletions, errors } = findClozes(front);
        for (const e of errors) err(contentLine + countLines(front.slice(0, e.offset)), 'card.cloze', e.message);
        if (errors.length) break;
        const indices = [...new Set(deletions.map((d) => d.index))].sort((a, b) => a - b);
        if (indices.length === 0) err(contentLine, 'card.cloze', 'a cloze card needs at least one deletion like `{{c1::answer}}`');
        for (const n of indices) cards.push({ ...base, id: `${noteId}#c${n}`, front, back: back ?? '', cloze: { index: n } });
        break;
      }
      case 'numeric': {
        const spec = readNumeric(attrs, r);
        if (!spec) break;
        if (!front.trim()) err(s.line, 'card.empty-front', 'the question is empty');
        else if (back === undefined || !back.trim()) err(contentLine, 'card.no-back', 'a numeric card needs a worked solution after a line with only `?`');
        else cards.push({ ...base, id: noteId, front, back, numeric: spec });
        break;
      }
      case 'trace': {
        if (back === undefined) {
          err(contentLine, 'card.no-back', 'put a line with only `?` and then the ordered steps (`1. ...`)');
          break;
        }
        const trace = parseTrace(back);
        if (trace.steps.length < 2) err(backLine, 'card.trace', 'a trace card needs an ordered list of at least two steps after `?`');
        else cards.push({ ...base, id: noteId, front, back, trace });
        break;
      }
    }
  }
  return cards;
}

function splitFrontBack(lines: string[], firstLine: number): { front: string; back?: string; backLine: number } {
  let inFence = false;
  for (let i = 0; i < lines.length; i++) {
    if (FENCE.test(lines[i])) inFence = !inFence;
    if (!inFence && lines[i].trim() === '?') {
      return { front: lines.slice(0, i).join('\n').trim(), back: lines.slice(i + 1).join('\n').trim(), backLine: firstLine + i + 1 };
    }
  }
  return { front: lines.join('\n').trim(), backLine: firstLine + lines.length };
}

function countLines(s: string): number {
  return s.split('\n').length - 1;
}

const STEP = /^\s{0,3}\d+[.)]\s+(.*)$/;

/** The reference chain: the leading ordered list of the back (continuation lines are joined). */
export function parseTrace(back: string): { steps: string[]; note: string } {
  const lines = back.split('\n');
  const steps: string[] = [];
  let i = 0;
  while (i < lines.length && lines[i].trim() === '') i++;
  for (; i < lines.length; i++) {
    const m = STEP.exec(lines[i]);
    if (m) steps.push(m[1].trim());
    else if (steps.length && /^\s{2,}\S/.test(lines[i])) steps[steps.length - 1] += ' ' + lines[i].trim();
    else break;
  }
  return { steps, note: lines.slice(i).join('\n').trim() };
}

function readNumeric(attrs: Record<string, unknown>, r: FieldReader): NumericSpec | undefined {
  const params: NumericParam[] = [];
  const rawParams = attrs.params ?? {};
  if (!isRecord(rawParams)) {
    r.error('params', 'card.params', '`params` must map each name to a list of values or to {min, max, step}');
    return undefined;
  }
  let ok = true;
  const entries = Object.entries(rawParams);
  if (entries.length > MAX_PARAMS) {
    r.error('params', 'card.params', `a numeric card has at most ${MAX_PARAMS} parameters (this one has ${entries.length})`);
    return undefined;
  }
  for (const [name, spec] of entries) {
    if (Array.isArray(spec) && spec.length > MAX_CHOICES) {
      r.error('params', 'card.params', `parameter "${preview(name, 40)}" has ${spec.length} choices: give it at most ${MAX_CHOICES} choices, or {min, max, step} for a range`);
      ok = false;
    } else if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || name === 'answer' || isPrototypeName(name)) {
      r.error('params', 'card.params', `parameter name "${preview(name, 40)}" must be an identifier other than \`answer\` and the names every object has (constructor, toString, __proto__...)`);
      ok = false;
    } else if (Array.isArray(spec) && spec.length > 0 && spec.every((v) => typeof v === 'number' && Number.isFinite(v))) {
      params.push({ name, choices: spec as number[] });
    } else if (isRecord(spec) && typeof spec.min === 'number' && typeof spec.max === 'number' && spec.min <= spec.max
      && (spec.step === undefined || (typeof spec.step === 'number' && spec.step > 0))
      && Object.keys(spec).every((k) => k === 'min' || k === 'max' || k === 'step')) {
      params.push({ name, min: spec.min, max: spec.max, step: spec.step as number | undefined });
    } else {
      r.error('params', 'card.params', `parameter "${preview(name, 40)}" must be a list of numbers or {min, max, step} with min <= max and step > 0`);
      ok = false;
    }
  }
  const answer = r.string('answer', true);
  const unit = r.string('unit', false);
  const precision = r.integer('precision', false, 0, 12);
  const tolerance = parseTolerance(attrs.tolerance);
  if (!tolerance) {
    r.error('tolerance', 'card.tolerance', '`tolerance` must be a percentage like `2%` or a non-negative number in the answer\'s unit');
    ok = false;
  }
  if (!answer) return undefined;
  try {
    const expr = parseExpression(answer);
    const names = new Set(params.map((p) => p.name));
    for (const v of freeVariables(expr)) {
      if (!names.has(v)) {
        r.error('answer', 'card.answer', `\`answer\` uses "${v}", which is not a parameter`);
        ok = false;
      }
    }
    if (ok && tolerance) ok = checkAnswerOverGrid(expr, params, tolerance, precision, r);
  } catch (e) {
    r.error('answer', 'card.answer', `\`answer\` is not a valid expression: ${(e as Error).message}`);
    ok = false;
  }
  if (!ok || !tolerance) return undefined;
  return { answer, params, unit, tolerance, precision };
}

/** At most this many parameter combinations are evaluated when a deck is read. */
const GRID_LIMIT = 256;
/** Bounds on a numeric card's parameters: generous for real cards (the bundled ones use 5 and 6), small enough to check. */
const MAX_PARAMS = 12;
const MAX_CHOICES = 64;

/**
 * Evaluate the answer over a grid of parameter values (every choice; the first, middle and last
 * value of each range, on the grid `pickParams` draws from): it must be finite everywhere, and the
 * answer as the card shows it (rounded to `precision`) must pass the card's own tolerance, or a
 * learner who types what the card shows is marked wrong.
 */
function checkAnswerOverGrid(expr: ReturnType<typeof parseExpression>, params: NumericParam[], tolerance: NumericSpec['tolerance'],
  precision: number | undefined, r: FieldReader): boolean {
  const axes = params.map((p) => p.choices ?? [...new Set([0, Math.floor(rangeSteps(p) / 2), rangeSteps(p)].map((k) => rangeValue(p, k)))]);
  const show = (env: Record<string, number>) => Object.entries(env).map(([k, v]) => `${k} = ${v}`).join(', ');
  for (const env of gridPoints(params.map((p) => p.name), axes, GRID_LIMIT)) {
    const v = evaluate(expr, env);
    if (!Number.isFinite(v)) {
      r.error('answer', 'card.answer', `\`answer\` is not a finite number for ${show(env) || 'the card'}`);
      return false;
    }
    if (precision === undefined) continue;
    const shown = parseShown(formatNumber(v, precision));
    if (!withinTolerance(shown, v, tolerance)) {
      r.warning('precision', 'card.precision', `the answer shown with precision ${precision} (${shown}) is outside the card's tolerance of the exact ${v} for ${show(env) || 'the card'}: a learner typing it would be marked wrong; raise \`precision\` or widen \`tolerance\``);
      return true;
    }
  }
  return true;
}

/**
 * The first `limit` points of the grid `axes` (the last axis varies fastest), made one at a time in
 * one reused object (a fresh object per point was most of the cost of checking a large deck).
 */
function* gridPoints(names: readonly string[], axes: readonly (readonly number[])[], limit: number): Generator<Record<string, number>> {
  const digits = axes.map(() => 0);
  const env: Record<string, number> = Object.create(null);
  names.forEach((name, i) => (env[name] = axes[i][0]));
  for (let n = 0; n < limit; n++) {
    yield env;
    let i = axes.length - 1;
    while (i >= 0 && ++digits[i] === axes[i].length) {
      digits[i] = 0;
      env[names[i]] = axes[i][0];
      i--;
    }
    if (i < 0) return;
    env[names[i]] = axes[i][digits[i]];
  }
}

export function parseTolerance(v: unknown): NumericSpec['tolerance'] | undefined {
  if (v === undefined || v === null) return { kind: 'relative', value: 0.01 };
  if (typeof v === 'number' && v >= 0 && Number.isFinite(v)) return { kind: 'absolute', value: v };
  if (typeof v === 'string') {
    const m = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(v);
    if (m) return { kind: 'relative', value: Number(m[1]) / 100 };
    const n = Number(v);
    if (v.trim() !== '' && Number.isFinite(n) && n >= 0) return { kind: 'absolute', value: n };
  }
  return undefined;
}
