import type { ContentDiagnostic } from '../diagnostics';
import { LESSON_STATUSES, type Lesson, type Source } from '../types';
import { FieldReader, ID_HINT, ID_PATTERN } from './fields';
import { parseFrontMatter } from './frontMatter';
import { isRecord } from './yamlBlock';
import { findCodeRefs } from '../sources/codeRef';
import { diag } from '../diagnostics';
import { findRecallAreas } from './recallAreas';

const LESSON_FIELDS = ['id', 'title', 'track', 'stage', 'summary', 'status', 'minutes', 'prerequisites', 'tags', 'sources'] as const;

export interface ParsedLesson {
  lesson?: Lesson;
  body: string;
  diagnostics: ContentDiagnostic[];
}

/** Parse and validate one lesson file. Never throws; a lesson with a usable id is returned even if other fields are bad. */
export function parseLesson(file: string, text: string): ParsedLesson {
  const diagnostics: ContentDiagnostic[] = [];
  const fm = parseFrontMatter(file, text, diagnostics);
  if (!fm) return { body: text, diagnostics };
  const r = new FieldReader(file, fm.data, fm.keyLines, 1, diagnostics, 'lesson');
  r.unknownKeys(LESSON_FIELDS);
  const id = r.string('id', true, ID_PATTERN, ID_HINT);
  const title = r.string('title', true);
  const track = r.string('track', true, ID_PATTERN, ID_HINT);
  const stage = r.string('stage', true, ID_PATTERN, ID_HINT);
  const summary = r.string('summary', true);
  const status = r.oneOf('status', LESSON_STATUSES, true);
  const minutes = r.integer('minutes', status === 'published', 1, 600);
  const prerequisites = r.stringList('prerequisites', ID_PATTERN, ID_HINT);
  const tags = r.stringList('tags');
  const sources = readSources(file, fm.data.sources, r, diagnostics);
  if (status === 'published' && fm.body.trim() === '') {
    r.error('status', 'lesson.empty', 'a published lesson needs a body; use `status: planned` until it is written');
  }
  if (!id) return { body: fm.body, diagnostics };
  const codeRefs = findCodeRefs(fm.body, fm.bodyLine);
  for (const r of codeRefs) {
    if (!r.ref.repo) diagnostics.push(diag(file, r.line, 'code-ref.syntax', `invalid code reference "${r.url}": write code:<repo>/<path>#<symbol> or #L<start>-L<end>`));
  }
  const lesson: Lesson = {
    id,
    title: title ?? id,
    track: track ?? '',
    stage: stage ?? '',
    summary: summary ?? '',
    // an invalid status must not make a half-valid lesson openable
    status: status ?? 'planned',
    minutes,
    prerequisites,
    tags,
    sources,
    file,
    bodyLine: fm.bodyLine,
    fieldLines: fm.keyLines,
    codeRefs: codeRefs.filter((r) => r.ref.repo),
  };
  const recallAreas = findRecallAreas(fm.body, fm.bodyLine);
  if (recallAreas.length) lesson.recallAreas = recallAreas;
  return { lesson, body: fm.body, diagnostics };
}

const ARXIV = /^\d{4}\.\d{4,5}(v\d+)?$/;
const SHA = /^[0-9a-f]{40}$/;

function readSources(file: string, raw: unknown, r: FieldReader, out: ContentDiagnostic[]): Source[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    r.error('sources', 'lesson.bad-field', '`sources` must be a list');
    return [];
  }
  const sources: Source[] = [];
  raw.forEach((item, i) => {
    const where = `sources[${i}]`;
    if (!isRecord(item)) {
      r.error('sources', 'lesson.bad-source', `${where} must be a mapping with a title and an arxiv id, a url, or a repo and path`);
      return;
    }
    const sr = new FieldReader(file, item, {}, r.line('sources'), out, 'source');
    sr.unknownKeys(['title', 'authors', 'year', 'arxiv', 'url', 'repo', 'path', 'commit', 'symbol']);
    const title = sr.string('title', true);
    if (!title) return;
    if (item.arxiv !== undefined) {
      const arxiv = sr.string('arxiv', true, ARXIV, 'an arXiv id looks like 1706.03762 (quote it in YAML)');
      const year = sr.integer('year', false, 1950, 2100);
      const authors = sr.string('authors', false);
      if (arxiv) sources.push({ kind: 'paper', title, arxiv, year, authors });
    } else if (item.url !== undefined) {
      const url = sr.httpUrl('url', true);
      const year = sr.integer('year', false, 1950, 2100);
      const authors = sr.string('authors', false);
      if (url) sources.push({ kind: 'web', title, authors, year, url });
    } else if (item.repo !== undefined) {
      const repo = sr.string('repo', true, ID_PATTERN, ID_HINT);
      const path = sr.string('path', true);
      const commit = sr.string('commit', false, SHA, 'a full 40-character commit sha');
      const symbol = sr.string('symbol', false);
      if (repo && path) sources.push({ kind: 'repo', title, repo, path, commit, symbol });
    } else {
      sr.error('title', 'lesson.bad-source', `${where} needs an \`arxiv\` id, a \`url\`, or a \`repo\` and \`path\``);
    }
  });
  return sources;
}
