/**
 * `npm run check:refs -- <repo-id> <path-to-checkout> [content-folder...]`: every code reference to
 * that repository must resolve in the checkout (file exists, symbol found; a given line range must
 * contain the symbol's definition). Prints `file:line: problem`, exit 1 on problems.
 */
import * as path from 'node:path';
import { ContentIndex } from '../core/content/contentIndex';
import { findSymbol } from '../core/sources/symbolSearch';
import { readCheckoutFile } from '../node/checkoutFile';
import { fsContentSource } from '../node/fsContentSource';
import { headCommit } from '../node/gitCheckout';

const [repoId, checkout, ...extra] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
if (!repoId || !checkout) {
  console.error('usage: npm run check:refs -- <repo-id> <path-to-checkout> [content-folder...]');
  process.exit(2);
}
const bundled = path.resolve(__dirname, '..', '..', 'content');
const index = new ContentIndex(fsContentSource);
index.loadRoots([bundled, ...extra.map((e) => path.resolve(e))]);
const c = index.catalog;
const repo = c.repos.get(repoId);
if (!repo) {
  console.error(`unknown repository "${repoId}" (known: ${[...c.repos.keys()].join(', ') || 'none'})`);
  process.exit(2);
}
const head = headCommit(checkout);
if (head && head !== repo.commit) console.log(`note: ${checkout} is at ${head}, references are pinned to ${repo.commit}`);

const uses = [
  ...[...c.lessons.values()].flatMap((l) => l.codeRefs.map((u) => ({ file: l.file, ...u }))),
  ...[...c.cards.values()].flatMap((card) => card.codeRefs.map((u) => ({ file: card.file, ...u }))),
].filter((u) => u.ref.repo === repoId);

const rel = (f: string) => path.relative(process.cwd(), f) || f;
const texts = new Map<string, string | { why: string }>();
let problems = 0;
for (const u of uses) {
  if (!texts.has(u.ref.path)) {
    const read = readCheckoutFile(checkout, u.ref.path);
    texts.set(u.ref.path, read.ok ? read.text : { why: read.missing ? `${u.ref.path} does not exist in ${repoId}` : read.why });
  }
  const text = texts.get(u.ref.path)!;
  const say = (msg: string) => {
    problems++;
    console.log(`${rel(u.file)}:${u.line}: ${msg} [${u.url}]`);
  };
  if (typeof text !== 'string') {
    say(text.why);
    continue;
  }
  const lineCount = text.split('\n').length;
  if (u.ref.symbol) {
    const hit = findSymbol(text, u.ref.symbol, u.ref.lines?.start);
    if (!hit) say(`symbol \`${u.ref.symbol}\` not found in ${u.ref.path}`);
    else if (hit.how === 'text' && /^[A-Za-z_$][\w$.]*$/.test(u.ref.symbol)) say(`\`${u.ref.symbol}\` is only found as text in ${u.ref.path}, not as a definition`);
    else if (u.ref.lines && (hit.line < u.ref.lines.start || hit.line > u.ref.lines.end)) say(`\`${u.ref.symbol}\` is defined at line ${hit.line}, outside the given L${u.ref.lines.start}-L${u.ref.lines.end}`);
  } else if (u.ref.lines && u.ref.lines.end > lineCount) {
    say(`lines L${u.ref.lines.start}-L${u.ref.lines.end} are past the end of ${u.ref.path} (${lineCount} lines)`);
  }
}
console.log(`${uses.length} references to ${repoId} checked in ${checkout}: ${uses.length - problems} passed, ${problems} failed`);
process.exitCode = problems ? 1 : 0;
