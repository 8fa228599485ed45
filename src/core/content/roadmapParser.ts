import { diag, type ContentDiagnostic } from '../diagnostics';
import type { Stage, Track } from '../types';
import { FieldReader, ID_HINT, ID_PATTERN } from './fields';
import { escapeRegExp, findLine, isRecord, parseYamlBlock } from './yamlBlock';

export interface ParsedRoadmap {
  track?: Track;
  diagnostics: ContentDiagnostic[];
}

/** Parse a track's `roadmap.yaml`: the stages in recommended order and the lessons each lists. */
export function parseRoadmap(file: string, text: string): ParsedRoadmap {
  const diagnostics: ContentDiagnostic[] = [];
  const parsed = parseYamlBlock(text, 1);
  if (!parsed.ok) {
    diagnostics.push(diag(file, parsed.line, 'roadmap.yaml', `invalid YAML: ${parsed.message}`));
    return { diagnostics };
  }
  if (!isRecord(parsed.value)) {
    diagnostics.push(diag(file, 1, 'roadmap.not-mapping', 'a roadmap must be a YAML mapping with id, title, summary and stages'));
    return { diagnostics };
  }
  const lines = text.split('\n');
  const r = new FieldReader(file, parsed.value, parsed.keyLines, 1, diagnostics, 'roadmap');
  r.unknownKeys(['id', 'title', 'summary', 'order', 'stages']);
  const id = r.string('id', true, ID_PATTERN, ID_HINT);
  const title = r.string('title', true);
  const summary = r.string('summary', false) ?? '';
  const order = r.integer('order', false, -1000, 1000) ?? 100;
  const rawStages = parsed.value.stages;
  const stages: Stage[] = [];
  if (!Array.isArray(rawStages)) {
    r.error('stages', 'roadmap.bad-field', '`stages` must be a list of stages');
  } else {
    // Where each stage starts: its `id:` line, searched forward from the previous stage's (block or flow style).
    const starts: number[] = [];
    let cursor = r.line('stages');
    for (const raw of rawStages) {
      const stageId = isRecord(raw) && typeof raw.id === 'string' ? raw.id : '';
      if (stageId) {
        for (let n = cursor; n <= lines.length; n++) {
          if (declaresId(lines[n - 1], stageId)) {
            cursor = n;
            break;
          }
        }
      }
      starts.push(cursor);
    }
    // the first line after each stage that starts another one (the end of its lines)
    const ends: number[] = [];
    for (let i = starts.length - 1, next = lines.length + 1; i >= 0; i--) {
      ends[i] = next;
      if (i > 0 && starts[i] > starts[i - 1]) next = starts[i];
    }
    rawStages.forEach((raw, i) => {
      const line = starts[i];
      if (!isRecord(raw)) {
        diagnostics.push(diag(file, line, 'roadmap.bad-stage', 'each stage must be a mapping with id, title and lessons'));
        return;
      }
      // a stage's keys and lessons are searched in its own lines only, so large roadmaps stay linear
      const end = ends[i];
      const keyLines: Record<string, number> = Object.create(null);
      for (const key of Object.keys(raw)) keyLines[key] = findLine(lines, new RegExp(`^\\s*(- )?\\{?${escapeRegExp(key)}\\s*:|[{,]\\s*${escapeRegExp(key)}\\s*:`), line - 1, 1, end) ?? line;
      const sr = new FieldReader(file, raw, keyLines, line, diagnostics, 'stage');
      sr.unknownKeys(['id', 'title', 'summary', 'lessons']);
      const sid = sr.string('id', true, ID_PATTERN, ID_HINT);
      const stitle = sr.string('title', true);
      const ssummary = sr.string('summary', false) ?? '';
      const lessons = sr.stringList('lessons', ID_PATTERN, ID_HINT);
      let at = line;
      const lessonLines = lessons.map((l) => {
        let found: number | undefined;
        for (let n = at; n < end && n <= lines.length && !found; n++) if (listsWord(lines[n - 1], l)) found = n;
        if (found) at = found;
        return found ?? sr.line('lessons');
      });
      if (sid) stages.push({ id: sid, title: stitle ?? sid, summary: ssummary, lessons, line, lessonLines });
    });
  }
  if (!id) return { diagnostics };
  return { track: { id, title: title ?? id, summary, order, stages, file, line: 1 }, diagnostics };
}

/** Does a YAML line hold `id: <id>` (quoted or not, block or flow style)? */
function declaresId(line: string, id: string): boolean {
  for (let i = line.indexOf(id); i !== -1; i = line.indexOf(id, i + 1)) {
    const head = line.slice(Math.max(0, i - 8), i);
    let j = i + id.length;
    if (line[j] === '"' || line[j] === "'") j++;
    while (line[j] === ' ' || line[j] === '\t' || line[j] === '\r') j++;
    if (/(^|[^\w])id:\s*["']?$/.test(head) && (j === line.length || line[j] === ',' || line[j] === '}')) return true;
  }
  return false;
}

/**
 * Does a YAML line list `word` as an item (`- word`, `[a, word]`, `word  # note`)? A string search, not
 * a regular expression per lesson: compiling thousands of distinct patterns dominated large roadmaps.
 */
function listsWord(line: string, word: string): boolean {
  for (let i = line.indexOf(word); i !== -1; i = line.indexOf(word, i + 1)) {
    const before = i === 0 ? ' ' : line[i - 1];
    let j = i + word.length;
    while (line[j] === ' ' || line[j] === '\t' || line[j] === '\r') j++;
    if (/[\s[,-]/.test(before) && (j === line.length || /[,\]#]/.test(line[j]))) return true;
  }
  return false;
}
