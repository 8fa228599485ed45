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
    let cursor = r.line('stages');
    for (const raw of rawStages) {
      if (!isRecord(raw)) {
        diagnostics.push(diag(file, cursor, 'roadmap.bad-stage', 'each stage must be a mapping with id, title and lessons'));
        continue;
      }
      const stageId = typeof raw.id === 'string' ? raw.id : '';
      const line = (stageId && findLine(lines, new RegExp(`\\bid:\\s*["']?${escapeRegExp(stageId)}["']?\\s*$`), cursor)) || cursor;
      cursor = line;
      const keyLines: Record<string, number> = {};
      for (const key of Object.keys(raw)) keyLines[key] = findLine(lines, new RegExp(`^\\s*(- )?${escapeRegExp(key)}\\s*:`), line - 1) ?? line;
      const sr = new FieldReader(file, raw, keyLines, line, diagnostics, 'stage');
      sr.unknownKeys(['id', 'title', 'summary', 'lessons']);
      const sid = sr.string('id', true, ID_PATTERN, ID_HINT);
      const stitle = sr.string('title', true);
      const ssummary = sr.string('summary', false) ?? '';
      const lessons = sr.stringList('lessons', ID_PATTERN, ID_HINT);
      const lessonLines = lessons.map((l) => findLine(lines, new RegExp(`(^|[\\s\\[,-])${escapeRegExp(l)}\\s*($|[,\\]#])`), line) ?? sr.line('lessons'));
      if (sid) stages.push({ id: sid, title: stitle ?? sid, summary: ssummary, lessons, line, lessonLines });
    }
  }
  if (!id) return { diagnostics };
  return { track: { id, title: title ?? id, summary, order, stages, file, line: 1 }, diagnostics };
}
