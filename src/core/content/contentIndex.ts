import { diag, type ContentDiagnostic } from '../diagnostics';
import type { ContentSource } from '../ports';
import type { Card, Deck, Lesson, Stage, Track } from '../types';
import { parseDeck } from './deckParser';
import { parseLesson } from './lessonParser';
import { parseRoadmap } from './roadmapParser';
import { parseSources, type SourceRepo } from '../sources/sourcesParser';
import type { CodeRefUse } from '../types';
import { preview } from './fields';
import { resolveRecallAreas, type RecallArea } from './recallAreas';

export type FileKind = 'roadmap' | 'sources' | 'deck' | 'lesson' | 'ignored';

/** Which content format a file path holds (by name only, so watchers can filter cheaply). */
export function classifyFile(path: string): FileKind {
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  if (name === 'roadmap.yaml' || name === 'roadmap.yml') return 'roadmap';
  if (name === 'sources.yaml' || name === 'sources.yml') return 'sources';
  if (name.endsWith('.deck.md')) return 'deck';
  if (name.endsWith('.md') && name.toLowerCase() !== 'readme.md') return 'lesson';
  return 'ignored';
}

interface FileEntry {
  root: string;
  kind: Exclude<FileKind, 'ignored'>;
  track?: Track;
  lesson?: Lesson;
  deck?: Deck;
  repos?: SourceRepo[];
  diagnostics: ContentDiagnostic[];
}

export interface StageView extends Stage {
  trackId: string;
  /** Lessons in recommended order: the roadmap's list, then lessons that name this stage but are not listed. */
  lessonIds: string[];
}

export interface TrackView extends Omit<Track, 'stages'> {
  stages: StageView[];
}

/** The linked, validated view of all content roots. Immutable; a new one is built after each change. */
export interface Catalog {
  tracks: TrackView[];
  lessons: ReadonlyMap<string, Lesson>;
  stages: ReadonlyMap<string, StageView>;
  decks: ReadonlyMap<string, Deck>;
  cards: ReadonlyMap<string, Card>;
  /** Pinned source repositories (sources.yaml), by id. */
  repos: ReadonlyMap<string, SourceRepo>;
  /** Lesson ids in recommended order across all tracks. */
  lessonOrder: readonly string[];
  /** Decks attached to each lesson, and to each stage. */
  decksByLesson: ReadonlyMap<string, Deck[]>;
  decksByStage: ReadonlyMap<string, Deck[]>;
  /** Each lesson's review areas (```recall blocks) with their card ids, in page order. */
  recallAreas: ReadonlyMap<string, RecallArea[]>;
  /** What each content file defines (a lesson or a deck), for per-file work such as rendering checks. */
  byFile: ReadonlyMap<string, { lesson?: Lesson; deck?: Deck }>;
  diagnostics: readonly ContentDiagnostic[];
  /** Number of content files indexed. */
  fileCount: number;
}

/**
 * Content files larger than this are reported, not indexed: the largest bundled lesson has 42,000
 * characters, and every later step (render checks, opening the lesson) grows with the size.
 */
export const MAX_FILE_CHARS = 512_000;
/**
 * Decks are limited further: parsing a deck (YAML per card, numeric cards checked over their grids)
 * runs on the host, and a deck at this size of the most expensive cards the parser accepts indexes
 * in about 40 ms. The largest bundled deck has 15,000 characters (20 cards).
 */
export const MAX_DECK_CHARS = 256_000;

/**
 * Index of content files across roots. Parsing is per file and cached, so a change re-reads only
 * the changed file; linking (ids, stages, prerequisites, decks) is redone over the cached parses,
 * which is linear and cheap.
 */
export class ContentIndex {
  private readonly files = new Map<string, FileEntry>();
  private cached?: Catalog;

  constructor(private readonly source: ContentSource) {}

  /** Replace everything with a full scan of `roots` (the first root wins on duplicate ids). */
  loadRoots(roots: readonly string[]): void {
    this.files.clear();
    for (const root of roots) {
      for (const file of this.source.listFiles(root).sort()) this.parseInto(root, file);
    }
    this.cached = undefined;
  }

  /** Re-read one file (created or changed). Returns false when the file is not content. */
  updateFile(root: string, file: string): boolean {
    const changed = this.parseInto(root, file);
    if (changed) this.cached = undefined;
    return changed;
  }

  removeFile(file: string): boolean {
    const had = this.files.delete(file);
    if (had) this.cached = undefined;
    return had;
  }

  roots(): string[] {
    return [...new Set([...this.files.values()].map((f) => f.root))];
  }

  get catalog(): Catalog {
    return (this.cached ??= link(this.files));
  }

  private parseInto(root: string, file: string): boolean {
    const kind = classifyFile(file);
    if (kind === 'ignored') return false;
    let text: string;
    try {
      text = this.source.readFile(file);
    } catch (e) {
      this.files.set(file, { root, kind, diagnostics: [diag(file, 1, 'file.unreadable', `cannot read file: ${(e as Error).message}`)] });
      return true;
    }
    const limit = kind === 'deck' ? MAX_DECK_CHARS : MAX_FILE_CHARS;
    if (text.length > limit) {
      const size = text.length >= 1e6 ? `${(text.length / 1e6).toFixed(1)} million characters` : `${Math.round(text.length / 1000)} thousand characters`;
      const what = kind === 'deck' ? 'decks are' : 'content files are';
      this.files.set(file, { root, kind, diagnostics: [diag(file, 1, 'file.too-large', `this file has ${size}; ${what} limited to ${limit / 1000} thousand: split it into several ${kind === 'deck' ? 'decks' : 'lessons or decks'}`)] });
      return true;
    }
    try {
      this.files.set(file, { root, kind, ...parseFile(kind, file, text) });
    } catch (e) {
      // a parser bug on one file must not stop the others from loading
      this.files.set(file, { root, kind, diagnostics: [diag(file, 1, 'file.failed', `cannot index this file: ${preview(String((e as Error)?.message ?? e), 200)}`)] });
    }
    return true;
  }
}

function parseFile(kind: Exclude<FileKind, 'ignored'>, file: string, text: string): Omit<FileEntry, 'root' | 'kind'> {
  switch (kind) {
    case 'roadmap': {
      const r = parseRoadmap(file, text);
      return { track: r.track, diagnostics: r.diagnostics };
    }
    case 'deck': {
      const r = parseDeck(file, text);
      return { deck: r.deck, diagnostics: r.diagnostics };
    }
    case 'sources': {
      const r = parseSources(file, text);
      return { repos: r.repos, diagnostics: r.diagnostics };
    }
    case 'lesson': {
      const r = parseLesson(file, text);
      return { lesson: r.lesson, diagnostics: r.diagnostics };
    }
  }
}

function link(files: ReadonlyMap<string, FileEntry>): Catalog {
  const out: ContentDiagnostic[] = [];
  const tracks = new Map<string, Track>();
  const stages = new Map<string, StageView>();
  const lessons = new Map<string, Lesson>();
  const decks = new Map<string, Deck>();
  const cards = new Map<string, Card>();
  const entries = [...files.values()];
  for (const e of entries) out.push(...e.diagnostics);

  for (const { track } of entries) {
    if (!track) continue;
    const prior = tracks.get(track.id);
    if (prior) {
      out.push(diag(track.file, track.line, 'roadmap.duplicate-id', `track id "${track.id}" is already defined in ${prior.file}`));
      continue;
    }
    tracks.set(track.id, track);
  }
  for (const { lesson } of entries) {
    if (!lesson) continue;
    const prior = lessons.get(lesson.id);
    if (prior) {
      out.push(diag(lesson.file, lesson.fieldLines.id ?? 1, 'lesson.duplicate-id', `lesson id "${lesson.id}" is already used by ${prior.file}:${prior.fieldLines.id ?? 1}`));
      continue;
    }
    lessons.set(lesson.id, lesson);
  }

  // stages: the roadmap's lists, checked against the lessons' own `stage`
  const listedIn = new Map<string, StageView>();
  const sortedTracks = [...tracks.values()].sort((a, b) => a.order - b.order || a.title.localeCompare(b.title));
  for (const t of sortedTracks) {
    for (const s of t.stages) {
      const prior = stages.get(s.id);
      if (prior) {
        out.push(diag(t.file, s.line, 'roadmap.duplicate-stage', `stage id "${s.id}" is already used in track "${prior.trackId}"`));
        continue;
      }
      const view: StageView = { ...s, trackId: t.id, lessonIds: [] };
      stages.set(s.id, view);
      s.lessons.forEach((id, i) => {
        const line = s.lessonLines[i] ?? s.line;
        const lesson = lessons.get(id);
        const other = listedIn.get(id);
        if (other) {
          out.push(diag(t.file, line, 'roadmap.listed-twice', `lesson "${id}" is already listed in stage "${other.id}"`));
        } else if (!lesson) {
          out.push(diag(t.file, line, 'roadmap.unknown-lesson', `stage "${s.id}" lists lesson "${id}", but no lesson file has that id`));
        } else {
          if (lesson.track !== t.id || lesson.stage !== s.id) {
            out.push(diag(lesson.file, lesson.fieldLines.stage ?? 1, 'lesson.stage-mismatch',
              `the roadmap of "${t.id}" lists this lesson in stage "${s.id}", but its frontmatter says track "${lesson.track}", stage "${lesson.stage}"`));
          }
          listedIn.set(id, view);
          view.lessonIds.push(id);
        }
      });
    }
  }
  // lessons that name a stage without being listed are appended to it (how user content joins a roadmap)
  const unlisted = [...lessons.values()].filter((l) => !listedIn.has(l.id)).sort((a, b) => a.title.localeCompare(b.title));
  for (const l of unlisted) {
    const track = tracks.get(l.track);
    const stage = stages.get(l.stage);
    if (!l.track) continue; // missing field already reported
    if (!track) {
      out.push(diag(l.file, l.fieldLines.track ?? 1, 'lesson.unknown-track', `unknown track "${l.track}" (known: ${[...tracks.keys()].join(', ') || 'none'})`));
    } else if (!stage || stage.trackId !== track.id) {
      out.push(diag(l.file, l.fieldLines.stage ?? 1, 'lesson.unknown-stage',
        `track "${l.track}" has no stage "${l.stage}" (its stages: ${track.stages.map((s) => s.id).join(', ')})`));
    } else {
      stage.lessonIds.push(l.id);
    }
  }

  const trackViews: TrackView[] = sortedTracks.map((t) => ({ ...t, stages: t.stages.map((s) => stages.get(s.id)!).filter((s) => s.trackId === t.id) }));
  const lessonOrder = trackViews.flatMap((t) => t.stages.flatMap((s) => s.lessonIds));
  const position = new Map(lessonOrder.map((id, i) => [id, i]));

  // prerequisites: known, acyclic, and earlier in the recommended order
  for (const l of lessons.values()) {
    const line = l.fieldLines.prerequisites ?? 1;
    for (const p of l.prerequisites) {
      if (!lessons.has(p)) out.push(diag(l.file, line, 'lesson.unknown-prerequisite', `unknown prerequisite "${p}"`));
      else if (p === l.id) out.push(diag(l.file, line, 'lesson.prerequisite-cycle', 'a lesson cannot be its own prerequisite'));
      else if (l.track === lessons.get(p)!.track && (position.get(p) ?? -1) > (position.get(l.id) ?? Infinity)) {
        out.push(diag(l.file, line, 'lesson.prerequisite-order', `prerequisite "${p}" comes after this lesson in the roadmap's recommended order`, 'warning'));
      }
    }
  }
  for (const cycle of findCycles(lessons)) {
    const text = [...cycle, cycle[0]].join(' → ');
    for (const id of cycle) {
      const l = lessons.get(id)!;
      out.push(diag(l.file, l.fieldLines.prerequisites ?? 1, 'lesson.prerequisite-cycle', `prerequisite cycle: ${text}`));
    }
  }

  // decks and cards
  const decksByLesson = new Map<string, Deck[]>();
  const decksByStage = new Map<string, Deck[]>();
  for (const { deck } of entries) {
    if (!deck) continue;
    const prior = decks.get(deck.id);
    if (prior) {
      out.push(diag(deck.file, deck.fieldLines.id ?? 1, 'deck.duplicate-id', `deck id "${deck.id}" is already used by ${prior.file}`));
      continue;
    }
    if (deck.lesson !== undefined && !lessons.has(deck.lesson)) {
      out.push(diag(deck.file, deck.fieldLines.lesson ?? 1, 'deck.unknown-lesson', `unknown lesson "${deck.lesson}"`));
    }
    if (deck.stage !== undefined && !stages.has(deck.stage)) {
      out.push(diag(deck.file, deck.fieldLines.stage ?? 1, 'deck.unknown-stage', `unknown stage "${deck.stage}"`));
    }
    const kept: Card[] = [];
    for (const c of deck.cards) {
      const prior = cards.get(c.id);
      if (prior) {
        if (prior.noteId === c.noteId && prior.file === c.file && prior.line === c.line) continue;
        out.push(diag(c.file, c.line, 'card.duplicate-id', `card id "${c.noteId}" is already used in ${prior.file}:${prior.line}; ids are global because review history is keyed by them`));
        continue;
      }
      cards.set(c.id, c);
      kept.push(c);
    }
    const linked: Deck = kept.length === deck.cards.length ? deck : { ...deck, cards: kept };
    decks.set(deck.id, linked);
    if (deck.lesson) push(decksByLesson, deck.lesson, linked);
    if (deck.stage) push(decksByStage, deck.stage, linked);
  }

  // review areas inside lessons: cards of the lesson's own decks, each in one area
  const recallAreas = new Map<string, RecallArea[]>();
  for (const l of lessons.values()) {
    const areas = resolveRecallAreas(l, decksByLesson.get(l.id), cards, out);
    if (areas.length) recallAreas.set(l.id, areas);
  }

  // source repositories, and every code reference pointing at one
  const repos = new Map<string, SourceRepo>();
  for (const e of entries) {
    for (const r of e.repos ?? []) {
      const prior = repos.get(r.id);
      if (prior) out.push(diag(r.file, r.line, 'sources.duplicate-id', `repository id "${r.id}" is already declared in ${prior.file}:${prior.line}`));
      else repos.set(r.id, r);
    }
  }
  const checkRefs = (file: string, uses: readonly CodeRefUse[]) => {
    for (const u of uses) {
      if (!repos.has(u.ref.repo)) out.push(diag(file, u.line, 'code-ref.unknown-repo', `code reference to unknown repository "${u.ref.repo}" (declare it in sources.yaml)`));
    }
  };
  for (const l of lessons.values()) checkRefs(l.file, l.codeRefs);
  for (const c of cards.values()) checkRefs(c.file, c.codeRefs);

  const byFile = new Map<string, { lesson?: Lesson; deck?: Deck }>();
  for (const l of lessons.values()) byFile.set(l.file, { lesson: l });
  for (const d of decks.values()) byFile.set(d.file, { deck: d });

  out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  return {
    tracks: trackViews, lessons, stages, decks, cards, repos, lessonOrder, decksByLesson, decksByStage, recallAreas,
    byFile, diagnostics: out, fileCount: files.size,
  };
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

/** Elementary prerequisite cycles, one per strongly connected component (Tarjan), self-loops excluded. */
export function findCycles(lessons: ReadonlyMap<string, Lesson>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const edges = (id: string) => (lessons.get(id)?.prerequisites ?? []).filter((p) => p !== id && lessons.has(p));
  // iterative Tarjan: content graphs can be deep (10,000-lesson chains in the benchmark)
  for (const start of lessons.keys()) {
    if (index.has(start)) continue;
    const work: { id: string; i: number }[] = [{ id: start, i: 0 }];
    index.set(start, counter); low.set(start, counter++); stack.push(start); onStack.add(start);
    while (work.length) {
      const top = work[work.length - 1];
      const next = edges(top.id);
      if (top.i < next.length) {
        const w = next[top.i++];
        if (!index.has(w)) {
          index.set(w, counter); low.set(w, counter++); stack.push(w); onStack.add(w);
          work.push({ id: w, i: 0 });
        } else if (onStack.has(w)) {
          low.set(top.id, Math.min(low.get(top.id)!, index.get(w)!));
        }
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1].id;
        low.set(parent, Math.min(low.get(parent)!, low.get(top.id)!));
      }
      if (low.get(top.id) === index.get(top.id)) {
        const comp: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          comp.push(w);
        } while (w !== top.id);
        if (comp.length > 1) cycles.push(cycleWithin(new Set(comp), edges));
      }
    }
  }
  return cycles;
}

/** One concrete cycle inside a strongly connected component, for a readable message. */
function cycleWithin(comp: Set<string>, edges: (id: string) => string[]): string[] {
  const start = [...comp].sort()[0];
  const path = [start];
  const seen = new Set([start]);
  let cur = start;
  for (;;) {
    const next = edges(cur).filter((n) => comp.has(n)).sort();
    if (next.includes(start) && path.length > 1) return path;
    const step = next.find((n) => !seen.has(n)) ?? next[0];
    if (seen.has(step)) return path.slice(path.indexOf(step));
    path.push(step);
    seen.add(step);
    cur = step;
  }
}
