import { evaluate, ExpressionError, freeVariables, isPrototypeName, parseExpression, type Expr } from '../content/expression';
import { formatAnswer } from '../content/cardText';
import {
  boolField, finiteNumber, IDENT, isRecord, numberField, quote, Reporter, roundTo, text, unknownKeys,
  type ExploreProblem, type Locate, type ValuePath,
} from './report';

/**
 * A calculator (```explore block): inputs a learner turns, presets that set several at once, outputs
 * computed by numeric-card expressions, an optional plot of one output against one input and an
 * optional table. Validated here; computed by the pure functions below (the webview draws them).
 */
export interface Calculator {
  title?: string;
  inputs: Input[];
  presets: Preset[];
  outputs: Output[];
  plot?: Plot;
  table?: Table;
}

export type Input = NumberInput | ChoiceInput;

export interface NumberInput {
  kind: 'number';
  name: string;
  label: string;
  unit?: string;
  min: number;
  max: number;
  /** Linear scale: the distance between slider positions. Log scale: the factor between them. */
  step: number;
  scale: 'linear' | 'log';
  default: number;
}

export interface ChoiceInput {
  kind: 'choice';
  name: string;
  label: string;
  unit?: string;
  choices: { label: string; value: number }[];
  default: number;
}

export interface Preset {
  name: string;
  values: Record<string, number>;
}

export interface Output {
  name: string;
  label: string;
  expr: string;
  unit?: string;
  /** Decimals shown (formatNumber's precision); undefined: as a numeric card shows it. */
  precision?: number;
  /** Hidden outputs are intermediate values other outputs use; not shown. */
  hidden: boolean;
}

export interface Plot {
  x: string;
  y: string;
  from: number;
  to: number;
  points: number;
  yScale: 'linear' | 'log';
}

export interface Table {
  /** One row per preset, or one per value of an input (the other inputs as set). */
  rows: { presets: true } | { input: string; values: number[] };
  columns: string[];
}

/** Bounds, checked before anything is built from a block (content is untrusted). */
export const CALC_LIMITS = { inputs: 16, outputs: 24, presets: 24, choices: 32, points: 200, tableRows: 24, expr: 500 } as const;

const TOP_FIELDS = ['title', 'inputs', 'presets', 'outputs', 'plot', 'table'];
const NUMBER_FIELDS = ['label', 'unit', 'min', 'max', 'step', 'scale', 'default'];
const CHOICE_FIELDS = ['label', 'unit', 'choices', 'default'];
const OUTPUT_FIELDS = ['label', 'expr', 'unit', 'precision', 'hidden'];
const PLOT_FIELDS = ['x', 'y', 'from', 'to', 'points', 'y_scale'];
const TABLE_FIELDS = ['rows', 'input', 'values', 'columns'];

/**
 * Validate a calculator block's value. Returns the calculator only when there is no problem.
 * `finite` adds the check that outputs stay finite wherever a learner can go: it evaluates every
 * output some dozens of times, so content checks ask for it and rendering a lesson for display does not.
 */
export function validateCalculator(value: unknown, locate: Locate, opts: { finite?: boolean } = {}): { calculator?: Calculator; problems: ExploreProblem[] } {
  const r = new Reporter(locate);
  const calc = readCalculator(value, r);
  if (calc && r.ok && opts.finite) checkFinite(calc, r);
  return r.ok && calc ? { calculator: calc, problems: [] } : { problems: r.problems };
}

function readCalculator(value: unknown, r: Reporter): Calculator | undefined {
  if (!isRecord(value)) {
    r.error([], 'field', 'an explore block is a YAML mapping with `inputs` and `outputs`');
    return undefined;
  }
  unknownKeys(r, value, TOP_FIELDS, [], 'an explore block');
  const title = text(r, value, 'title', []);
  const inputs = readInputs(value.inputs, r);
  if (!inputs) return undefined;
  const presets = readPresets(value.presets, inputs, r);
  const outputs = readOutputs(value.outputs, inputs, r);
  if (!outputs || !presets) return undefined;
  const plot = value.plot === undefined ? undefined : readPlot(value.plot, inputs, outputs, r);
  const table = value.table === undefined ? undefined : readTable(value.table, inputs, outputs, presets, r);
  if (!r.ok) return undefined;
  return { ...(title ? { title } : {}), inputs, presets, outputs, ...(plot ? { plot } : {}), ...(table ? { table } : {}) };
}

/** Entries of a mapping keyed by names, with a bound on their number. */
function namedEntries(raw: unknown, key: string, max: number, r: Reporter, required: boolean): [string, unknown][] | undefined {
  if (raw === undefined || raw === null) {
    if (required) r.error([], 'missing-field', `missing \`${key}\``);
    return required ? undefined : [];
  }
  if (!isRecord(raw)) {
    r.error([key], 'field', `\`${key}\` must map each name to its settings`);
    return undefined;
  }
  const entries = Object.entries(raw);
  if (entries.length > max || (required && entries.length === 0)) {
    r.error([key], 'too-large', `\`${key}\` must have 1 to ${max} entries (has ${entries.length})`);
    return undefined;
  }
  return entries;
}

function checkName(name: string, path: ValuePath, r: Reporter): boolean {
  if (!IDENT.test(name) || isPrototypeName(name)) {
    r.error(path, 'name', `"${quote(name)}" must be a name like seq_len (letters, digits and _), not one every object has (constructor, toString...)`);
    return false;
  }
  return true;
}

function readInputs(raw: unknown, r: Reporter): Input[] | undefined {
  const entries = namedEntries(raw, 'inputs', CALC_LIMITS.inputs, r, true);
  if (!entries) return undefined;
  const inputs: Input[] = [];
  for (const [name, spec] of entries) {
    const path = ['inputs', name];
    if (!checkName(name, path, r)) continue;
    if (!isRecord(spec)) {
      r.error(path, 'field', `input \`${name}\` must be a mapping with \`min\` and \`max\`, or with \`choices\``);
      continue;
    }
    const input = spec.choices !== undefined ? readChoice(name, spec, path, r) : readNumber(name, spec, path, r);
    if (input) inputs.push(input);
  }
  return r.ok ? inputs : undefined;
}

function readNumber(name: string, spec: Record<string, unknown>, path: ValuePath, r: Reporter): NumberInput | undefined {
  unknownKeys(r, spec, NUMBER_FIELDS, path, `input \`${name}\``);
  const label = text(r, spec, 'label', path) ?? name;
  const unit = text(r, spec, 'unit', path, 40);
  const min = numberField(r, spec, 'min', path, { required: true });
  const max = numberField(r, spec, 'max', path, { required: true });
  const scale = spec.scale ?? 'linear';
  if (scale !== 'linear' && scale !== 'log') {
    r.error([...path, 'scale'], 'field', '`scale` must be `linear` or `log`');
    return undefined;
  }
  if (min === undefined || max === undefined) return undefined;
  if (!(min < max)) {
    r.error([...path, 'max'], 'range', `input \`${name}\`: \`min\` (${min}) must be below \`max\` (${max})`);
    return undefined;
  }
  if (scale === 'log' && min <= 0) {
    r.error([...path, 'min'], 'range', `input \`${name}\`: a log scale needs \`min\` above 0 (got ${min})`);
    return undefined;
  }
  let step: number;
  if (scale === 'log') {
    const s = numberField(r, spec, 'step', path, { min: 1.0001 });
    step = s ?? 2;
  } else {
    const s = numberField(r, spec, 'step', path, { min: Number.MIN_VALUE });
    step = s ?? (Number.isInteger(min) && Number.isInteger(max) ? 1 : (max - min) / 100);
    if (s !== undefined && s > max - min) r.error([...path, 'step'], 'range', `input \`${name}\`: \`step\` (${s}) is larger than the range ${min} to ${max}`);
  }
  const def = numberField(r, spec, 'default', path) ?? min;
  if (def < min || def > max) {
    r.error([...path, 'default'], 'range', `input \`${name}\`: \`default\` (${def}) is outside ${min} to ${max}`);
    return undefined;
  }
  return { kind: 'number', name, label, ...(unit ? { unit } : {}), min, max, step, scale, default: def };
}

function readChoice(name: string, spec: Record<string, unknown>, path: ValuePath, r: Reporter): ChoiceInput | undefined {
  unknownKeys(r, spec, CHOICE_FIELDS, path, `input \`${name}\``);
  const label = text(r, spec, 'label', path) ?? name;
  const unit = text(r, spec, 'unit', path, 40);
  const raw = spec.choices;
  const cpath = [...path, 'choices'];
  let choices: { label: string; value: number }[] = [];
  if (Array.isArray(raw)) {
    if (raw.length > CALC_LIMITS.choices) return void r.error(cpath, 'too-large', `input \`${name}\` has ${raw.length} choices (at most ${CALC_LIMITS.choices})`);
    for (const [i, c] of raw.entries()) {
      if (finiteNumber(c)) choices.push({ label: String(c), value: c });
      else if (isRecord(c) && finiteNumber(c.value) && (typeof c.label === 'string' || typeof c.label === 'number') && Object.keys(c).every((k) => k === 'label' || k === 'value')) {
        choices.push({ label: String(c.label).slice(0, 60), value: c.value });
      } else return void r.error([...cpath, i], 'field', `input \`${name}\`: choice ${i + 1} must be a number or {label, value}`);
    }
  } else if (isRecord(raw)) {
    const entries = Object.entries(raw);
    if (entries.length > CALC_LIMITS.choices) return void r.error(cpath, 'too-large', `input \`${name}\` has ${entries.length} choices (at most ${CALC_LIMITS.choices})`);
    for (const [l, v] of entries) {
      if (!finiteNumber(v)) return void r.error([...cpath, l], 'field', `input \`${name}\`: choice "${quote(l)}" must map to a number`);
      choices.push({ label: l.slice(0, 60), value: v });
    }
  } else {
    return void r.error(cpath, 'field', `input \`${name}\`: \`choices\` must be a list of numbers or map labels to numbers`);
  }
  if (!choices.length) return void r.error(cpath, 'field', `input \`${name}\` has no choices`);
  const def = numberField(r, spec, 'default', path) ?? choices[0].value;
  if (!choices.some((c) => c.value === def)) {
    return void r.error([...path, 'default'], 'range', `input \`${name}\`: \`default\` (${def}) is not one of its choices (${choices.map((c) => c.value).join(', ')})`);
  }
  choices = choices.map((c) => ({ label: c.label, value: c.value }));
  return { kind: 'choice', name, label, ...(unit ? { unit } : {}), choices, default: def };
}

/** Is `v` a value `input` can take (in range; one of the choices)? Undefined if so, else why not. */
export function rejectValue(input: Input, v: unknown): string | undefined {
  if (!finiteNumber(v)) return `${quote(v)} is not a number`;
  if (input.kind === 'choice') return input.choices.some((c) => c.value === v) ? undefined : `${v} is not one of its choices (${input.choices.map((c) => c.value).join(', ')})`;
  return v < input.min || v > input.max ? `${v} is outside ${input.min} to ${input.max}` : undefined;
}

function readPresets(raw: unknown, inputs: Input[], r: Reporter): Preset[] | undefined {
  const entries = namedEntries(raw, 'presets', CALC_LIMITS.presets, r, false);
  if (!entries) return undefined;
  const byName = new Map(inputs.map((i) => [i.name, i]));
  const presets: Preset[] = [];
  for (const [name, values] of entries) {
    const path = ['presets', name];
    if (name.length > 60) r.error(path, 'field', `preset name "${quote(name)}" is longer than 60 characters`);
    if (!isRecord(values) || Object.keys(values).length === 0) {
      r.error(path, 'field', `preset "${quote(name)}" must set one or more inputs (\`name: value\`)`);
      continue;
    }
    const set: Record<string, number> = {};
    for (const [k, v] of Object.entries(values)) {
      const input = byName.get(k);
      if (!input) {
        r.error([...path, k], 'unknown-name', `preset "${quote(name)}" sets \`${quote(k)}\`, which is not an input (inputs: ${inputs.map((i) => i.name).join(', ')})`);
        continue;
      }
      const why = rejectValue(input, v);
      if (why) r.error([...path, k], 'range', `preset "${quote(name)}": \`${k}\` = ${why}`);
      else set[k] = v as number;
    }
    presets.push({ name, values: set });
  }
  return r.ok ? presets : undefined;
}

function readOutputs(raw: unknown, inputs: Input[], r: Reporter): Output[] | undefined {
  const entries = namedEntries(raw, 'outputs', CALC_LIMITS.outputs, r, true);
  if (!entries) return undefined;
  const known = new Set(inputs.map((i) => i.name));
  const outputs: Output[] = [];
  for (const [name, spec] of entries) {
    const path = ['outputs', name];
    if (!checkName(name, path, r)) continue;
    if (known.has(name)) {
      r.error(path, 'name', `output \`${name}\` has the name of an input or of an earlier output`);
      continue;
    }
    const o = isRecord(spec) ? spec : { expr: spec };
    if (isRecord(spec)) unknownKeys(r, spec, OUTPUT_FIELDS, path, `output \`${name}\``);
    const exprPath = isRecord(spec) ? [...path, 'expr'] : path;
    const expr = typeof o.expr === 'number' ? String(o.expr) : o.expr;
    if (typeof expr !== 'string' || !expr.trim()) {
      r.error(exprPath, 'field', `output \`${name}\` needs an expression (\`${name}: 2 * n_layers * d_model\` or \`expr:\`)`);
      continue;
    }
    if (expr.length > CALC_LIMITS.expr) {
      r.error(exprPath, 'too-large', `output \`${name}\`: the expression is longer than ${CALC_LIMITS.expr} characters`);
      continue;
    }
    let ast: Expr;
    try {
      ast = parseExpression(expr);
    } catch (e) {
      r.error(exprPath, 'expression', `output \`${name}\`: ${e instanceof ExpressionError ? e.message : String(e)}`);
      continue;
    }
    for (const v of freeVariables(ast)) {
      if (!known.has(v)) r.error(exprPath, 'unknown-name', `output \`${name}\` uses \`${v}\`, which is not an input or an earlier output (known: ${[...known].join(', ')})`);
    }
    const label = text(r, o, 'label', path) ?? name;
    const unit = text(r, o, 'unit', path, 40);
    const precision = numberField(r, o, 'precision', path, { min: 0, max: 12, integer: true });
    const hidden = boolField(r, o, 'hidden', path, false);
    known.add(name);
    outputs.push({ name, label, expr: expr.trim(), ...(unit ? { unit } : {}), ...(precision !== undefined ? { precision } : {}), hidden });
  }
  if (r.ok && outputs.every((o) => o.hidden)) r.error(['outputs'], 'field', 'every output is hidden: show at least one');
  return r.ok ? outputs : undefined;
}

function readPlot(raw: unknown, inputs: Input[], outputs: Output[], r: Reporter): Plot | undefined {
  const path = ['plot'];
  if (!isRecord(raw)) return void r.error(path, 'field', '`plot` must be a mapping with `x` (an input) and `y` (an output)');
  unknownKeys(r, raw, PLOT_FIELDS, path, '`plot`');
  const x = inputs.find((i) => i.name === raw.x);
  if (!x || x.kind !== 'number') {
    return void r.error([...path, 'x'], x ? 'field' : 'unknown-name', `plot \`x\` must name a number input (${inputs.filter((i) => i.kind === 'number').map((i) => i.name).join(', ') || 'there is none'}), got ${quote(raw.x)}`);
  }
  const y = outputs.find((o) => o.name === raw.y);
  if (!y) return void r.error([...path, 'y'], 'unknown-name', `plot \`y\` must name an output (${outputs.map((o) => o.name).join(', ')}), got ${quote(raw.y)}`);
  const from = numberField(r, raw, 'from', path) ?? x.min;
  const to = numberField(r, raw, 'to', path) ?? x.max;
  if (!(from < to)) return void r.error([...path, 'to'], 'range', `plot: \`from\` (${from}) must be below \`to\` (${to})`);
  if (x.scale === 'log' && from <= 0) return void r.error([...path, 'from'], 'range', `plot: \`${x.name}\` has a log scale, so \`from\` must be above 0`);
  const points = numberField(r, raw, 'points', path, { min: 2, max: CALC_LIMITS.points, integer: true }) ?? 64;
  const yScale = raw.y_scale ?? 'linear';
  if (yScale !== 'linear' && yScale !== 'log') return void r.error([...path, 'y_scale'], 'field', '`y_scale` must be `linear` or `log`');
  return { x: x.name, y: y.name, from, to, points, yScale };
}

function readTable(raw: unknown, inputs: Input[], outputs: Output[], presets: Preset[], r: Reporter): Table | undefined {
  const path = ['table'];
  if (!isRecord(raw)) return void r.error(path, 'field', '`table` must be a mapping: `rows: presets` or `input` with `values`, and `columns`');
  unknownKeys(r, raw, TABLE_FIELDS, path, '`table`');
  const cols = raw.columns;
  if (!Array.isArray(cols) || cols.length === 0 || cols.length > 8) return void r.error([...path, 'columns'], 'field', '`columns` must list 1 to 8 outputs');
  const columns: string[] = [];
  for (const c of cols) {
    if (!outputs.some((o) => o.name === c)) r.error([...path, 'columns'], 'unknown-name', `table column ${quote(c)} is not an output (${outputs.map((o) => o.name).join(', ')})`);
    else columns.push(c as string);
  }
  if (raw.rows === 'presets') {
    if (!presets.length) return void r.error([...path, 'rows'], 'field', 'a table of presets needs `presets`');
    if (raw.input !== undefined || raw.values !== undefined) r.error(path, 'field', 'a table has `rows: presets` or `input` with `values`, not both');
    return r.ok ? { rows: { presets: true }, columns } : undefined;
  }
  if (raw.rows !== undefined) return void r.error([...path, 'rows'], 'field', '`rows` can only be `presets` (or give `input` and `values`)');
  const input = inputs.find((i) => i.name === raw.input);
  if (!input) return void r.error([...path, 'input'], 'unknown-name', `table \`input\` must name an input (${inputs.map((i) => i.name).join(', ')}), got ${quote(raw.input)}`);
  const values = raw.values;
  if (!Array.isArray(values) || values.length === 0 || values.length > CALC_LIMITS.tableRows) {
    return void r.error([...path, 'values'], 'field', `\`values\` must list 1 to ${CALC_LIMITS.tableRows} values of \`${input.name}\``);
  }
  for (const v of values) {
    const why = rejectValue(input, v);
    if (why) r.error([...path, 'values'], 'range', `table: \`${input.name}\` = ${why}`);
  }
  return r.ok ? { rows: { input: input.name, values: values as number[] }, columns } : undefined;
}

// ---------------------------------------------------------------------------------------------
// Computing

/** A calculator with its expressions parsed once, ready to evaluate on every input change. */
export interface CompiledCalculator {
  calc: Calculator;
  exprs: Expr[];
}

export function compileCalculator(calc: Calculator): CompiledCalculator {
  return { calc, exprs: calc.outputs.map((o) => parseExpression(o.expr)) };
}

export type Values = Record<string, number>;

export function defaultValues(calc: Calculator): Values {
  const v: Values = Object.create(null);
  for (const i of calc.inputs) v[i.name] = i.default;
  return v;
}

/** The inputs with a preset applied (the inputs it does not set keep their values). */
export function applyPreset(values: Values, preset: Preset): Values {
  return Object.assign(Object.assign(Object.create(null), values), preset.values);
}

/** Does every value the preset sets equal the current one? */
export function presetActive(values: Values, preset: Preset): boolean {
  return Object.entries(preset.values).every(([k, v]) => values[k] === v);
}

/**
 * Every output for these inputs, in order (an output may use the ones before it). An output that
 * cannot be computed is NaN, so one bad value does not blank the rest.
 */
export function evaluateOutputs(c: CompiledCalculator, inputs: Values, upTo = c.exprs.length): Values {
  const env: Values = Object.assign(Object.create(null), inputs);
  for (let i = 0; i < upTo; i++) {
    let v: number;
    try {
      v = evaluate(c.exprs[i], env);
    } catch {
      v = NaN;
    }
    env[c.calc.outputs[i].name] = v;
  }
  return env;
}

/** An output's value as shown: numeric-card formatting, its unit and, for bytes and FLOPs, the magnitude. */
export function formatOutput(o: Output, v: number): string {
  if (!Number.isFinite(v)) return 'not defined here';
  return formatAnswer(v, o.unit, o.precision);
}

/** A number input's slider positions: 0..count-1 (the last is `max`, on the step grid or not). */
export function positionCount(i: NumberInput): number {
  const n = i.scale === 'log' ? Math.floor(Math.log(i.max / i.min) / Math.log(i.step) + 1e-9) : Math.floor((i.max - i.min) / i.step + 1e-9);
  return n + 1 + (onGrid(i, n) ? 0 : 1);
}

function gridValue(i: NumberInput, k: number): number {
  return roundTo(i.scale === 'log' ? i.min * i.step ** k : i.min + k * i.step, 10);
}

function onGrid(i: NumberInput, n: number): boolean {
  return Math.abs(gridValue(i, n) - i.max) <= 1e-9 * Math.max(1, Math.abs(i.max));
}

export function positionValue(i: NumberInput, k: number): number {
  const last = positionCount(i) - 1;
  const kk = Math.max(0, Math.min(last, Math.round(k)));
  return kk === last ? i.max : gridValue(i, kk);
}

/** The slider position nearest to a value (typed values need not be on the grid). */
export function nearestPosition(i: NumberInput, v: number): number {
  const last = positionCount(i) - 1;
  if (v >= i.max) return last;
  const raw = i.scale === 'log' ? Math.log(Math.max(v, i.min) / i.min) / Math.log(i.step) : (v - i.min) / i.step;
  const k = Math.max(0, Math.min(last, Math.round(raw)));
  // the last position is max, which may be nearer than the grid's last point
  return k === last - 1 && Math.abs(i.max - v) < Math.abs(gridValue(i, k) - v) ? last : k;
}

/** Clamp a typed value into an input's range (choices: the nearest choice). */
export function clampValue(i: Input, v: number): number {
  if (i.kind === 'number') return Math.min(i.max, Math.max(i.min, v));
  let best = i.choices[0].value;
  for (const c of i.choices) if (Math.abs(c.value - v) < Math.abs(best - v)) best = c.value;
  return best;
}

export interface Series {
  xs: number[];
  /** NaN where the output is not defined (the plot leaves a gap). */
  ys: number[];
}

/** The plot's points: `points` x values across [from, to] (log-spaced for a log input), the rest as set. */
export function plotSeries(c: CompiledCalculator, values: Values): Series | undefined {
  const plot = c.calc.plot;
  if (!plot) return undefined;
  const x = c.calc.inputs.find((i) => i.name === plot.x) as NumberInput;
  const yIndex = c.calc.outputs.findIndex((o) => o.name === plot.y);
  const xs: number[] = [];
  const ys: number[] = [];
  const env: Values = Object.assign(Object.create(null), values);
  for (let k = 0; k < plot.points; k++) {
    const t = k / (plot.points - 1);
    const xv = x.scale === 'log' ? plot.from * (plot.to / plot.from) ** t : plot.from + t * (plot.to - plot.from);
    env[plot.x] = xv;
    const y = evaluateOutputs(c, env, yIndex + 1)[plot.y];
    xs.push(xv);
    ys.push(Number.isFinite(y) && (plot.yScale === 'linear' || y > 0) ? y : NaN);
  }
  return { xs, ys };
}

export interface TableRow {
  label: string;
  cells: string[];
}

/** The table's rows, formatted: one per preset (applied to the current values) or per listed value. */
export function tableRows(c: CompiledCalculator, values: Values): TableRow[] {
  const t = c.calc.table;
  if (!t) return [];
  const cols = t.columns.map((name) => c.calc.outputs.find((o) => o.name === name)!);
  const row = (label: string, v: Values): TableRow => {
    const out = evaluateOutputs(c, v);
    return { label, cells: cols.map((o) => formatOutput(o, out[o.name])) };
  };
  if ('presets' in t.rows) return c.calc.presets.map((p) => row(p.name, applyPreset(values, p)));
  const { input, values: list } = t.rows;
  const inp = c.calc.inputs.find((i) => i.name === input)!;
  return list.map((v) => row(`${inp.label} = ${inputValueText(inp, v)}`, { ...values, [input]: v }));
}

/** An input's value as its label shows it (a choice shows its label). */
export function inputValueText(i: Input, v: number): string {
  if (i.kind === 'choice') return i.choices.find((c) => c.value === v)?.label ?? String(v);
  return formatAnswer(v, i.unit);
}

// ---------------------------------------------------------------------------------------------
// The finite check of `check:content`

/**
 * Outputs must be finite where a learner can go: at the defaults, for every preset, with each input
 * at its ends (and every choice), and at the plot's ends and points. One problem per output.
 */
function checkFinite(calc: Calculator, r: Reporter): void {
  const c = compileCalculator(calc);
  const base = defaultValues(calc);
  const cases: { what: string; values: Values }[] = [{ what: 'at the defaults', values: base }];
  for (const p of calc.presets) cases.push({ what: `for preset "${p.name}"`, values: applyPreset(base, p) });
  for (const i of calc.inputs) {
    const ends = i.kind === 'number' ? [[i.min, 'its minimum'], [i.max, 'its maximum']] as const : i.choices.map((ch) => [ch.value, `choice "${ch.label}"`] as const);
    for (const [v, what] of ends) cases.push({ what: `with \`${i.name}\` = ${v} (${what}), the rest at defaults`, values: { ...base, [i.name]: v } });
  }
  cases.push({ what: 'with every number input at its minimum', values: { ...base, ...Object.fromEntries(calc.inputs.filter((i) => i.kind === 'number').map((i) => [i.name, (i as NumberInput).min])) } });
  cases.push({ what: 'with every number input at its maximum', values: { ...base, ...Object.fromEntries(calc.inputs.filter((i) => i.kind === 'number').map((i) => [i.name, (i as NumberInput).max])) } });
  const bad = new Set<string>();
  for (const { what, values } of cases) {
    const out = evaluateOutputs(c, values);
    for (const o of calc.outputs) {
      if (bad.has(o.name) || Number.isFinite(out[o.name])) continue;
      bad.add(o.name);
      r.error(['outputs', o.name], 'not-finite', `output \`${o.name}\` is not a finite number ${what} (${out[o.name]})`);
    }
  }
  const plot = calc.plot;
  if (plot && !bad.has(plot.y)) {
    const s = plotSeries(c, base)!;
    const i = s.ys.findIndex((y) => Number.isNaN(y));
    if (i !== -1) {
      const why = plot.yScale === 'log' ? 'a finite number above 0 (the y axis is logarithmic)' : 'a finite number';
      r.error(['plot'], 'not-finite', `plot: \`${plot.y}\` is not ${why} at \`${plot.x}\` = ${roundTo(s.xs[i], 6)}, the rest at defaults`);
    }
  }
}
