/**
 * Code references: `code:<repo>/<path>#<symbol>`, `code:<repo>/<path>#L10-L20`, or
 * `code:<repo>/<path>#<symbol>@L10-L20` (the symbol plus the lines it had at the pinned commit).
 */
export interface CodeRef {
  repo: string;
  path: string;
  symbol?: string;
  /** 1-based inclusive line range at the pinned commit. */
  lines?: { start: number; end: number };
}

const REF = /^code:([a-z0-9][a-z0-9-]*)\/([^#?\s]+)(?:#(.+))?$/;
const LINES = /^L(\d+)(?:-L?(\d+))?$/;

/**
 * A path inside a repository: `/`-separated segments, none empty, `.` or `..`, and no backslash,
 * colon (drive letters, alternate streams) or NUL, which Windows path joining would interpret.
 */
export function isRepoPath(path: string): boolean {
  if (/[\\:\0]/.test(path) || path.startsWith('/')) return false;
  return !path.split('/').some((seg) => seg === '..' || seg === '.' || seg === '');
}

export function parseCodeRef(url: string): CodeRef | undefined {
  const m = REF.exec(url);
  if (!m) return undefined;
  const [, repo, rawPath, fragment] = m;
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return undefined;
  }
  if (!isRepoPath(path)) return undefined;
  const ref: CodeRef = { repo, path };
  if (!fragment) return ref;
  let frag: string;
  try {
    frag = decodeURIComponent(fragment);
  } catch {
    return undefined;
  }
  const at = frag.lastIndexOf('@');
  const symbolPart = LINES.test(frag) ? '' : at > 0 && LINES.test(frag.slice(at + 1)) ? frag.slice(0, at) : frag;
  const linePart = LINES.test(frag) ? frag : at > 0 ? frag.slice(at + 1) : '';
  const lm = LINES.exec(linePart);
  if (lm) {
    const start = Number(lm[1]);
    const end = lm[2] ? Number(lm[2]) : start;
    if (start < 1 || end < start) return undefined;
    ref.lines = { start, end };
  }
  if (symbolPart) ref.symbol = symbolPart;
  return ref;
}

/** Every `](code:...)` link in a markdown text, with its 1-based line. */
export function findCodeRefs(markdown: string, firstLine = 1): { ref: CodeRef; url: string; line: number }[] {
  const out: { ref: CodeRef; url: string; line: number }[] = [];
  const re = /\]\((code:[^)\s]+)\)/g;
  let m: RegExpExecArray | null;
  let line = firstLine;
  let scanned = 0;
  while ((m = re.exec(markdown))) {
    for (let i = markdown.indexOf('\n', scanned); i !== -1 && i < m.index; i = markdown.indexOf('\n', i + 1)) line++;
    scanned = m.index;
    const ref = parseCodeRef(m[1]);
    out.push({ ref: ref ?? { repo: '', path: '' }, url: m[1], line });
  }
  return out;
}
