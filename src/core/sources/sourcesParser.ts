import { diag, type ContentDiagnostic } from '../diagnostics';
import { FieldReader, ID_HINT, ID_PATTERN } from '../content/fields';
import { escapeRegExp, findLine, isRecord, parseYamlBlock } from '../content/yamlBlock';

/** A source repository that lessons reference, pinned to the commit they were written against. */
export interface SourceRepo {
  id: string;
  name: string;
  /** git clone URL. */
  clone: string;
  /** Web URL pattern with {commit}, {path}, {line} and {endLine}. */
  web: string;
  commit: string;
  /** host/owner/name forms that identify a checkout by its git remote (the clone URL's is implied). */
  remotes: string[];
  file: string;
  line: number;
}

const SHA = /^[0-9a-f]{40}$/;

/** Parse `sources.yaml`: `repositories:` a list of pinned repositories. */
export function parseSources(file: string, text: string): { repos: SourceRepo[]; diagnostics: ContentDiagnostic[] } {
  const diagnostics: ContentDiagnostic[] = [];
  const repos: SourceRepo[] = [];
  const parsed = parseYamlBlock(text, 1);
  if (!parsed.ok) {
    diagnostics.push(diag(file, parsed.line, 'sources.yaml', `invalid YAML: ${parsed.message}`));
    return { repos, diagnostics };
  }
  if (!isRecord(parsed.value) || !Array.isArray(parsed.value.repositories)) {
    diagnostics.push(diag(file, 1, 'sources.bad-format', 'sources.yaml must have a `repositories:` list'));
    return { repos, diagnostics };
  }
  new FieldReader(file, parsed.value, parsed.keyLines, 1, diagnostics, 'sources').unknownKeys(['repositories']);
  const lines = text.split('\n');
  let cursor = parsed.keyLines.repositories ?? 1;
  for (const raw of parsed.value.repositories as unknown[]) {
    if (!isRecord(raw)) {
      diagnostics.push(diag(file, cursor, 'sources.bad-repo', 'each repository must be a mapping'));
      continue;
    }
    const line = (typeof raw.id === 'string' && findLine(lines, new RegExp(`\\bid:\\s*["']?${escapeRegExp(raw.id)}["']?\\s*$`), cursor)) || cursor;
    cursor = line;
    const keyLines: Record<string, number> = {};
    for (const key of Object.keys(raw)) keyLines[key] = findLine(lines, new RegExp(`^\\s*(- )?${escapeRegExp(key)}\\s*:`), line - 1) ?? line;
    const r = new FieldReader(file, raw, keyLines, line, diagnostics, 'repository');
    r.unknownKeys(['id', 'name', 'clone', 'web', 'commit', 'remotes']);
    const id = r.string('id', true, ID_PATTERN, ID_HINT);
    const name = r.string('name', false);
    const clone = /^https?:/i.test(String(raw.clone ?? '')) ? r.httpUrl('clone', true) : r.string('clone', true, /^git@\S+$/, 'an https or ssh git URL');
    const web = r.string('web', true, /^https?:\/\/\S*\{path\}\S*$/, 'an http(s) URL pattern containing {path} (and usually {commit}, {line})')
      // the pattern must still be a URL once filled in, or opening a reference fails later
      && r.httpUrl('web', true, (s) => s.replace(/\{(commit|path|line|endLine)\}/g, '1'));
    const commit = r.string('commit', true, SHA, 'a full 40-character commit sha');
    const remotes = r.stringList('remotes');
    if (id && clone && web && commit) repos.push({ id, name: name ?? id, clone, web, commit, remotes, file, line });
  }
  return { repos, diagnostics };
}

/** `github.com/owner/name` from any git remote URL form (https, ssh, scp-like), lowercased, without `.git`. */
export function normalizeRemote(url: string): string {
  return url
    .trim()
    .replace(/^[a-z+]+:\/\//i, '')
    .replace(/^[^@/]+@/, '')
    .replace(/:(?!\d+\/)/, '/')
    .replace(/:\d+\//, '/')
    .replace(/\.git$/, '')
    .replace(/\/+$/, '')
    .toLowerCase();
}

export function repoRemotes(repo: SourceRepo): string[] {
  return [...new Set([normalizeRemote(repo.clone), ...repo.remotes.map(normalizeRemote)])];
}

/** The web URL of a file (and lines) at the pinned commit. */
export function webUrl(repo: SourceRepo, path: string, line?: number, endLine?: number): string {
  let url = repo.web.replace('{commit}', repo.commit).replace('{path}', path.split('/').map(encodeURIComponent).join('/'));
  if (line) url = url.replace('{line}', String(line)).replace('{endLine}', String(endLine ?? line));
  else url = url.replace(/#.*\{line\}.*$/, '');
  return url.replace(/-L\{endLine\}|\{endLine\}/, '');
}
