import { diag, type ContentDiagnostic } from '../diagnostics';
import { isRecord, parseYamlBlock } from './yamlBlock';

export interface FrontMatter {
  data: Record<string, unknown>;
  keyLines: Record<string, number>;
  /** The text after the closing delimiter. */
  body: string;
  /** 1-based file line where `body` starts. */
  bodyLine: number;
}

const OPEN = /^---[ \t]*\r?\n/;
const CLOSE = /(?:^|\r?\n)---[ \t]*(?:\r?\n|$)/;

/**
 * Split `---`-delimited YAML frontmatter from a markdown file and parse it.
 * Returns undefined (with a diagnostic) when the file has none or it is not a mapping.
 */
export function parseFrontMatter(file: string, text: string, diagnostics: ContentDiagnostic[]): FrontMatter | undefined {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const open = OPEN.exec(text);
  if (!open) {
    diagnostics.push(diag(file, 1, 'frontmatter.missing', 'missing YAML frontmatter: the file must start with a line `---`'));
    return undefined;
  }
  const rest = text.slice(open[0].length);
  const close = CLOSE.exec(rest);
  if (!close) {
    diagnostics.push(diag(file, 1, 'frontmatter.unclosed', 'frontmatter is not closed: add a line `---` after it'));
    return undefined;
  }
  const yamlText = rest.slice(0, close.index);
  const parsed = parseYamlBlock(yamlText, 2);
  if (!parsed.ok) {
    diagnostics.push(diag(file, parsed.line, 'frontmatter.yaml', `invalid YAML in frontmatter: ${parsed.message}`));
    return undefined;
  }
  const data = parsed.value ?? {};
  if (!isRecord(data)) {
    diagnostics.push(diag(file, 2, 'frontmatter.not-mapping', 'frontmatter must be a YAML mapping of `key: value` lines'));
    return undefined;
  }
  const bodyStart = open[0].length + close.index + close[0].length;
  const bodyLine = countNewlines(text.slice(0, bodyStart)) + 1;
  return { data, keyLines: parsed.keyLines, body: text.slice(bodyStart), bodyLine };
}

export function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) n++;
  return n;
}
