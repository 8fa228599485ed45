/**
 * `npm run check:content [-- <folder>...] [--json] [--no-bundled]`: validate the bundled content and any given
 * content roots exactly as the extension does (index + render checks), print `file:line: message`
 * problems and a summary, exit 1 when there are errors.
 */
import * as path from 'node:path';
import { ContentIndex, type Catalog } from '../core/content/contentIndex';
import { checkRenderedFile } from '../core/content/deepCheck';
import { formatDiagnostic, type ContentDiagnostic } from '../core/diagnostics';
import { LessonRenderer } from '../core/render/lessonRenderer';
import { fsContentSource } from '../node/fsContentSource';

const args = process.argv.slice(2);
const json = args.includes('--json');
const bundled = path.resolve(__dirname, '..', '..', 'content');
const given = args.filter((a) => !a.startsWith('--')).map((a) => path.resolve(a));
// --no-bundled: check only the given folders (e.g. a draft lesson in a scratch root)
const roots = args.includes('--no-bundled') ? given : [bundled, ...given];

const index = new ContentIndex(fsContentSource);
index.loadRoots([...new Set(roots)]);
const catalog = index.catalog;
const renderer = new LessonRenderer();
const diagnostics: ContentDiagnostic[] = [...catalog.diagnostics];
for (const file of catalog.byFile.keys()) diagnostics.push(...checkRenderedFile(catalog, file, fsContentSource.readFile(file), renderer));
diagnostics.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));

const summary = summarize(catalog);
const errors = diagnostics.filter((d) => d.severity === 'error').length;
const warnings = diagnostics.length - errors;
const rel = (f: string) => path.relative(process.cwd(), f) || f;

if (json) {
  process.stdout.write(JSON.stringify({ roots, errors, warnings, diagnostics: diagnostics.map((d) => ({ ...d, file: rel(d.file) })), summary }, null, 2) + '\n');
} else {
  for (const d of diagnostics) console.log(formatDiagnostic(d, rel));
  console.log(`\nContent roots: ${roots.map(rel).join(', ')}`);
  for (const [track, counts] of Object.entries(summary.lessonsByTrack)) {
    console.log(`  ${track}: ${Object.entries(counts).map(([s, n]) => `${n} ${s}`).join(', ')}`);
  }
  console.log(`  decks: ${summary.decks}, cards: ${summary.cards}`);
  console.log(`  cards by type: ${fmt(summary.cardsByType)}`);
  console.log(`  cards by category: ${fmt(summary.cardsByCategory)}`);
  console.log(`${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`);
}
process.exitCode = errors ? 1 : 0;

function summarize(c: Catalog) {
  const lessonsByTrack: Record<string, Record<string, number>> = {};
  for (const l of c.lessons.values()) {
    const t = (lessonsByTrack[l.track || '(none)'] ??= {});
    t[l.status] = (t[l.status] ?? 0) + 1;
  }
  const cardsByType: Record<string, number> = {};
  const cardsByCategory: Record<string, number> = {};
  for (const card of c.cards.values()) {
    cardsByType[card.type] = (cardsByType[card.type] ?? 0) + 1;
    cardsByCategory[card.category] = (cardsByCategory[card.category] ?? 0) + 1;
  }
  return { lessons: c.lessons.size, lessonsByTrack, decks: c.decks.size, cards: c.cards.size, cardsByType, cardsByCategory };
}

function fmt(o: Record<string, number>): string {
  return Object.entries(o).map(([k, n]) => `${k} ${n}`).join(', ') || 'none';
}
