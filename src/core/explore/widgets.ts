import { EVENT_SOURCES, MATCHER, receives, type EventFlow, type EventSource, type FlowEvent, type Subscriber } from './eventFlow';
import { MASK_KINDS, MAX_MASK_LEN, type MaskKind, type MaskSpec } from './maskGrid';
import type { SamplingSettings } from './sampling';
import {
  boolField, finiteNumber, isRecord, numberField, numberList, quote, Reporter, text, unknownKeys,
  type ExploreProblem, type Locate,
} from './report';

/** A visual widget (```widget block), one of a small fixed set named by `kind`. */
export type Widget = MaskGridWidget | SoftmaxWidget | OnlineSoftmaxWidget | EventFlowWidget;

export interface MaskGridWidget {
  kind: 'mask-grid';
  title?: string;
  mask: MaskSpec;
  /** Scores (seq_len x seq_len, or larger: the top-left corner is used) for the attention weights. */
  scores?: number[][];
  /** The learner may change the mask kind and its sizes. */
  adjustable: boolean;
}

export interface SoftmaxWidget {
  kind: 'softmax';
  title?: string;
  tokens: string[];
  logits: number[];
  settings: SamplingSettings;
  /** The learner may edit the logits. */
  editable: boolean;
}

export interface OnlineSoftmaxWidget {
  kind: 'online-softmax';
  title?: string;
  scores: number[];
  /** One value (a number or a short vector) per score; absent: the output is the weights themselves. */
  values?: number[][];
  block: number;
}

export interface EventFlowWidget extends EventFlow {
  kind: 'event-flow';
}

export const WIDGET_KINDS = ['mask-grid', 'softmax', 'online-softmax', 'event-flow'] as const;
export const WIDGET_LIMITS = { tokens: 32, scores: 64, valueDims: 4, subscribers: 12, events: 200, text: 300 } as const;

export function validateWidget(value: unknown, locate: Locate): { widget?: Widget; problems: ExploreProblem[] } {
  const r = new Reporter(locate);
  let widget: Widget | undefined;
  if (!isRecord(value)) {
    r.error([], 'field', `a widget block is a YAML mapping starting with \`kind:\` (${WIDGET_KINDS.join(', ')})`);
  } else {
    switch (value.kind) {
      case 'mask-grid': widget = readMaskGrid(value, r); break;
      case 'softmax': widget = readSoftmax(value, r); break;
      case 'online-softmax': widget = readOnline(value, r); break;
      case 'event-flow': widget = readEventFlow(value, r); break;
      default:
        r.error(['kind'], value.kind === undefined ? 'missing-field' : 'field', `\`kind\` must be one of ${WIDGET_KINDS.join(', ')}${value.kind === undefined ? '' : ` (got ${quote(value.kind)})`}`);
    }
  }
  return r.ok && widget ? { widget, problems: [] } : { problems: r.problems };
}

function readMaskGrid(v: Record<string, unknown>, r: Reporter): MaskGridWidget | undefined {
  unknownKeys(r, v, ['kind', 'title', 'mask', 'seq_len', 'window', 'valid', 'pad_side', 'causal', 'lengths', 'scores', 'adjustable'], [], 'a mask-grid widget');
  const title = text(r, v, 'title', []);
  const kind = (v.mask ?? 'causal') as MaskKind;
  if (!MASK_KINDS.includes(kind)) return void r.error(['mask'], 'field', `\`mask\` must be one of ${MASK_KINDS.join(', ')} (got ${quote(v.mask)})`);
  const lengths = v.lengths === undefined ? undefined : numberList(r, v.lengths, ['lengths'], '`lengths`', { maxLength: MAX_MASK_LEN });
  if (lengths?.some((l) => !Number.isInteger(l) || l < 1)) return void r.error(['lengths'], 'field', '`lengths` must be whole numbers of at least 1');
  const packedLen = lengths?.reduce((a, b) => a + b, 0);
  const seqLen = numberField(r, v, 'seq_len', [], { min: 1, max: MAX_MASK_LEN, integer: true }) ?? packedLen ?? 8;
  if (packedLen !== undefined && packedLen !== seqLen) return void r.error(['lengths'], 'range', `\`lengths\` add up to ${packedLen}, not \`seq_len\` ${seqLen}`);
  if (packedLen !== undefined && packedLen > MAX_MASK_LEN) return void r.error(['lengths'], 'too-large', `\`lengths\` add up to ${packedLen}: at most ${MAX_MASK_LEN} positions`);
  if (lengths && kind !== 'packed') r.error(['lengths'], 'field', '`lengths` is for `mask: packed`');
  const window = numberField(r, v, 'window', [], { min: 1, max: seqLen, integer: true });
  if (window !== undefined && kind !== 'sliding-window') r.error(['window'], 'field', '`window` is for `mask: sliding-window`');
  const valid = numberField(r, v, 'valid', [], { min: 0, max: seqLen, integer: true });
  const padSide = v.pad_side ?? 'right';
  if (padSide !== 'right' && padSide !== 'left') r.error(['pad_side'], 'field', '`pad_side` must be `right` or `left`');
  if ((valid !== undefined || v.pad_side !== undefined || v.causal !== undefined) && kind !== 'padding') r.error(['mask'], 'field', '`valid`, `pad_side` and `causal` are for `mask: padding`');
  const causal = boolField(r, v, 'causal', [], true);
  let scores: number[][] | undefined;
  if (v.scores !== undefined) {
    if (!Array.isArray(v.scores) || v.scores.length < seqLen || v.scores.length > MAX_MASK_LEN) {
      return void r.error(['scores'], 'field', `\`scores\` must be a list of ${seqLen} to ${MAX_MASK_LEN} rows, one per query`);
    }
    scores = [];
    for (const [i, row] of v.scores.entries()) {
      const ok = numberList(r, row, ['scores', i], `\`scores\` row ${i + 1}`, { minLength: v.scores.length, maxLength: v.scores.length });
      if (!ok) return undefined;
      scores.push(ok);
    }
  }
  const adjustable = boolField(r, v, 'adjustable', [], true);
  const mask: MaskSpec = { kind, seqLen };
  if (kind === 'sliding-window') mask.window = window ?? Math.max(1, Math.ceil(seqLen / 2));
  if (kind === 'padding') Object.assign(mask, { valid: valid ?? Math.max(1, seqLen - 2), padSide, causal });
  if (kind === 'packed') mask.lengths = lengths ?? splitEvenly(seqLen);
  return { kind: 'mask-grid', ...(title ? { title } : {}), mask, ...(scores ? { scores } : {}), adjustable };
}

/** Packed lengths when none are given: three sequences, as even as they come. */
export function splitEvenly(n: number, parts = 3): number[] {
  const k = Math.min(parts, n);
  return Array.from({ length: k }, (_, i) => Math.floor(n / k) + (i < n % k ? 1 : 0));
}

function readSoftmax(v: Record<string, unknown>, r: Reporter): SoftmaxWidget | undefined {
  unknownKeys(r, v, ['kind', 'title', 'tokens', 'logits', 'temperature', 'top_k', 'top_p', 'min_p', 'editable'], [], 'a softmax widget');
  const title = text(r, v, 'title', []);
  const logits = numberList(r, v.logits, ['logits'], '`logits`', { minLength: 2, maxLength: WIDGET_LIMITS.tokens });
  if (!logits) return undefined;
  let tokens: string[];
  if (v.tokens === undefined) tokens = logits.map((_, i) => `token ${i + 1}`);
  else if (!Array.isArray(v.tokens) || v.tokens.length !== logits.length || !v.tokens.every((t) => typeof t === 'string' || typeof t === 'number')) {
    return void r.error(['tokens'], 'field', `\`tokens\` must list ${logits.length} names, one per logit`);
  } else tokens = v.tokens.map((t) => String(t).slice(0, 40));
  const temperature = numberField(r, v, 'temperature', [], { min: 0, max: 10 }) ?? 1;
  const topK = numberField(r, v, 'top_k', [], { min: 0, max: logits.length, integer: true }) ?? 0;
  const topP = numberField(r, v, 'top_p', [], { min: 0.01, max: 1 }) ?? 1;
  const minP = numberField(r, v, 'min_p', [], { min: 0, max: 1 }) ?? 0;
  const editable = boolField(r, v, 'editable', [], true);
  return { kind: 'softmax', ...(title ? { title } : {}), tokens, logits, settings: { temperature, topK, topP, minP }, editable };
}

function readOnline(v: Record<string, unknown>, r: Reporter): OnlineSoftmaxWidget | undefined {
  unknownKeys(r, v, ['kind', 'title', 'scores', 'values', 'block'], [], 'an online-softmax widget');
  const title = text(r, v, 'title', []);
  const scores = numberList(r, v.scores, ['scores'], '`scores`', { minLength: 2, maxLength: WIDGET_LIMITS.scores });
  if (!scores) return undefined;
  if (scores.some((s) => Math.abs(s) > 1e4)) return void r.error(['scores'], 'range', '`scores` must lie within ±10,000');
  const block = numberField(r, v, 'block', [], { min: 1, max: scores.length, integer: true }) ?? Math.max(1, Math.ceil(scores.length / 3));
  let values: number[][] | undefined;
  if (v.values !== undefined) {
    if (!Array.isArray(v.values) || v.values.length !== scores.length) return void r.error(['values'], 'field', `\`values\` must have one entry per score (${scores.length})`);
    values = [];
    for (const [i, x] of v.values.entries()) {
      const row = finiteNumber(x) ? [x] : numberList(r, x, ['values', i], `\`values\` item ${i + 1}`, { maxLength: WIDGET_LIMITS.valueDims });
      if (!row) return undefined;
      if (values.length && row.length !== values[0].length) return void r.error(['values', i], 'field', `\`values\` item ${i + 1} has ${row.length} numbers, the first has ${values[0].length}`);
      if (row.some((x) => Math.abs(x) > 1e6)) return void r.error(['values', i], 'range', '`values` must lie within ±1,000,000');
      values.push(row);
    }
  }
  return { kind: 'online-softmax', ...(title ? { title } : {}), scores, ...(values ? { values } : {}), block };
}

function readEventFlow(v: Record<string, unknown>, r: Reporter): EventFlowWidget | undefined {
  unknownKeys(r, v, ['kind', 'title', 'subscribers', 'controller', 'events'], [], 'an event-flow widget');
  const title = text(r, v, 'title', []);
  if (!Array.isArray(v.subscribers) || v.subscribers.length === 0 || v.subscribers.length > WIDGET_LIMITS.subscribers) {
    return void r.error(['subscribers'], 'field', `\`subscribers\` must list 1 to ${WIDGET_LIMITS.subscribers} subscribers ({id, label, receives})`);
  }
  if (!Array.isArray(v.events) || v.events.length === 0 || v.events.length > WIDGET_LIMITS.events) {
    return void r.error(['events'], 'field', `\`events\` must list 1 to ${WIDGET_LIMITS.events} events`);
  }
  const subscribers: Subscriber[] = [];
  for (const [i, s] of v.subscribers.entries()) {
    const path = ['subscribers', i];
    if (!isRecord(s)) return void r.error(path, 'field', 'a subscriber is {id, label, receives}');
    unknownKeys(r, s, ['id', 'label', 'receives'], path, 'a subscriber');
    const id = text(r, s, 'id', path, 40);
    if (!id || !/^[A-Za-z0-9_-]+$/.test(id)) return void r.error([...path, 'id'], 'field', 'a subscriber needs an `id` (letters, digits, _ and -)');
    if (subscribers.some((x) => x.id === id)) return void r.error([...path, 'id'], 'duplicate', `two subscribers have the id "${id}"`);
    const rec = s.receives ?? ['all'];
    const list = typeof rec === 'string' ? [rec] : rec;
    if (!Array.isArray(list) || list.length === 0 || list.length > 12 || !list.every((m) => typeof m === 'string' && MATCHER.test(m))) {
      return void r.error([...path, 'receives'], 'field', '`receives` lists what the subscriber gets: all, action, observation, action:<type>, observation:<type>, source:user|agent|environment');
    }
    subscribers.push({ id, label: text(r, s, 'label', path) ?? id, receives: list as string[] });
  }
  const controller = v.controller === undefined ? (subscribers.some((s) => s.id === 'controller') ? 'controller' : undefined) : String(v.controller);
  if (controller !== undefined && !subscribers.some((s) => s.id === controller)) r.error(['controller'], 'unknown-name', `\`controller\` "${quote(controller)}" is not a subscriber id`);
  const events: FlowEvent[] = [];
  for (const [i, e] of v.events.entries()) {
    const path = ['events', i];
    if (!isRecord(e)) return void r.error(path, 'field', 'an event is {id, source, action or observation, cause, content, handled}');
    unknownKeys(r, e, ['id', 'source', 'action', 'observation', 'content', 'cause', 'handled'], path, 'an event');
    const id = numberField(r, e, 'id', path, { min: 0, max: 1e9, integer: true, required: true });
    if (id === undefined) return undefined;
    if (events.length && id <= events[events.length - 1].id) return void r.error([...path, 'id'], 'field', `event ids must increase (${id} follows ${events[events.length - 1].id})`);
    const source = e.source as EventSource;
    if (!EVENT_SOURCES.includes(source)) return void r.error([...path, 'source'], 'field', `event ${id}: \`source\` must be one of ${EVENT_SOURCES.join(', ')}`);
    if ((e.action === undefined) === (e.observation === undefined)) return void r.error(path, 'field', `event ${id} needs exactly one of \`action: <type>\` or \`observation: <type>\``);
    const kind = e.action !== undefined ? 'action' : 'observation';
    const type = text(r, e, kind, path, 40);
    if (!type || !/^[A-Za-z0-9_-]+$/.test(type)) return void r.error([...path, kind], 'field', `event ${id}: the ${kind} type is a word like run, message, finish`);
    const content = text(r, e, 'content', path, WIDGET_LIMITS.text);
    let cause: number | undefined;
    if (e.cause !== undefined && e.cause !== null) {
      const c = events.find((x) => x.id === e.cause);
      if (!c) return void r.error([...path, 'cause'], 'unknown-name', `event ${id}: \`cause\` ${quote(e.cause)} is not an earlier event`);
      if (kind === 'observation' && c.kind !== 'action') return void r.error([...path, 'cause'], 'field', `event ${id}: an observation's cause is an action, and event ${c.id} is an observation`);
      cause = c.id;
    }
    const handled: Record<string, string> = {};
    if (e.handled !== undefined) {
      if (!isRecord(e.handled)) return void r.error([...path, 'handled'], 'field', `event ${id}: \`handled\` maps subscriber ids to what each does`);
      for (const [sid, what] of Object.entries(e.handled)) {
        const sub = subscribers.find((s) => s.id === sid);
        if (!sub) return void r.error([...path, 'handled', sid], 'unknown-name', `event ${id}: "${quote(sid)}" is not a subscriber`);
        if (typeof what !== 'string' || !what.trim() || what.length > WIDGET_LIMITS.text) return void r.error([...path, 'handled', sid], 'field', `event ${id}: what ${sid} does must be text up to ${WIDGET_LIMITS.text} characters`);
        const probe: FlowEvent = { id, source, kind, type, handled: {} };
        if (!receives(sub.receives, probe)) return void r.error([...path, 'handled', sid], 'field', `event ${id}: subscriber "${sid}" does not receive this ${kind} (it receives ${sub.receives.join(', ')})`);
        handled[sid] = what.trim();
      }
    }
    events.push({ id, source, kind, type, ...(content ? { content } : {}), ...(cause !== undefined ? { cause } : {}), handled });
  }
  return { kind: 'event-flow', ...(title ? { title } : {}), subscribers, ...(controller ? { controller } : {}), events };
}
