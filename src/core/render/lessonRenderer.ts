import markdownIt, { type MarkdownIt, type StateCore, type StateInline, type Token } from 'markdown-it';
import markdownItKatex from '@vscode/markdown-it-katex';
import katex from 'katex';
import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import cpp from 'highlight.js/lib/languages/cpp';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import python from 'highlight.js/lib/languages/python';
import typescript from 'highlight.js/lib/languages/typescript';
import yaml from 'highlight.js/lib/languages/yaml';
import plaintext from 'highlight.js/lib/languages/plaintext';
import { headingId, slugify } from './slug';
import { parseCodeRef } from '../sources/codeRef';
import { renderExploration } from '../explore/render';

hljs.registerLanguage('python', python);
hljs.registerLanguage('typescript', typescript);
hljs.registerLanguage('javascript', javascript);
hljs.registerLanguage('bash', bash);
hljs.registerLanguage('json', json);
hljs.registerLanguage('yaml', yaml);
hljs.registerLanguage('cpp', cpp);
hljs.registerLanguage('plaintext', plaintext);
hljs.registerAliases(['py'], { languageName: 'python' });
hljs.registerAliases(['ts'], { languageName: 'typescript' });
hljs.registerAliases(['js'], { languageName: 'javascript' });
hljs.registerAliases(['sh', 'shell', 'console'], { languageName: 'bash' });
hljs.registerAliases(['c', 'cuda', 'c++', 'h'], { languageName: 'cpp' });
hljs.registerAliases(['text', 'txt'], { languageName: 'plaintext' });

export interface OutlineItem {
  level: number;
  text: string;
  id: string;
}

export interface RenderProblem {
  /** 1-based line in the markdown that was rendered (offset by `firstLine`). */
  line: number;
  code: 'math.parse' | 'math.too-large' | 'markdown.too-deep' | 'link.unknown-lesson' | 'code-ref.unknown-repo' | 'recall.nested' | `explore.${string}`;
  message: string;
}

export interface RenderedMarkdown {
  html: string;
  outline: OutlineItem[];
  hasMermaid: boolean;
  hasMath: boolean;
  problems: RenderProblem[];
  /** Lesson ids linked with `lesson:` URLs. */
  lessonLinks: string[];
}

export interface RenderOptions {
  /** 1-based file line of the markdown's first line, so problems point into the file. */
  firstLine?: number;
  /** Does a lesson id exist? Unknown ids render as broken links and are reported. */
  lessonExists?: (id: string) => boolean;
  /** Does a source repository id exist? Code references to unknown ones render as broken. */
  repoExists?: (id: string) => boolean;
  /** Told the line of each formula before it is rendered (math is where the time goes). */
  progress?: (line: number) => void;
  /**
   * Also check that explorations' outputs stay finite wherever a learner can go (content checks and
   * Problems). Off when rendering for display: that check evaluates each output dozens of times.
   */
  checkExplorations?: boolean;
}

interface Env {
  firstLine: number;
  outline: OutlineItem[];
  slugs: Map<string, number>;
  problems: RenderProblem[];
  lessonLinks: string[];
  hasMermaid: boolean;
  hasMath: boolean;
  progress?: (line: number) => void;
  /** Tokens KaTeX has read for this page so far (see `MAX_PAGE_MATH_TOKENS`). */
  mathTokens: number;
  lessonExists?: (id: string) => boolean;
  repoExists?: (id: string) => boolean;
  checkExplorations?: boolean;
}

const KATEX_OPTIONS = {
  throwOnError: true,
  // lesson markdown is untrusted: no \href/\url/\includegraphics, bounded macro expansion and sizes
  trust: false,
  strict: 'ignore' as const,
  maxExpand: 1000,
  maxSize: 100,
};

/**
 * `maxExpand` bounds how many macros expand, not what they produce: a 1 KB `\def` that pastes its
 * argument 400 times, twice, makes 16M symbols. KaTeX looks every token it reads up in the macro
 * table, so a table that counts lookups caps a formula's size after expansion, whatever the macros.
 * Both caps are far above real content (a bundled formula reads a few hundred tokens at most) and
 * are counts, not times, so the same file always gets the same problems.
 */
export const MAX_MATH_TOKENS = 10_000;
/** All the math of one page; formulas past it are shown as source, with one problem. */
export const MAX_PAGE_MATH_TOKENS = 50_000;

class MathTooLarge extends Error {}

/** A macro table for one formula that throws `MathTooLarge` after `limit` lookups. */
function countingMacros(limit: number, tooLarge: () => string): { macros: Record<string, string>; used: () => number } {
  let lookups = 0;
  const macros = new Proxy({}, {
    getOwnPropertyDescriptor(target, key) {
      if (++lookups > limit) throw new MathTooLarge(tooLarge());
      return Reflect.getOwnPropertyDescriptor(target, key);
    },
  });
  return { macros, used: () => Math.min(lookups, limit) };
}

/**
 * The one markdown pipeline for lessons and cards (host side; the webview gets finished HTML).
 * Raw HTML is off; math goes through KaTeX with errors reported, not thrown; `lesson:` links are
 * resolved; fenced mermaid is left for the webview to draw.
 */
export class LessonRenderer {
  private readonly md: MarkdownIt;

  constructor() {
    this.md = markdownIt({
      html: false,
      linkify: false,
      typographer: false,
      highlight: (code, lang) => highlight(code, lang),
    });
    // our own renderers below replace the plugin's; it only contributes the `$`/`$$` parsing rules
    this.md.use(markdownItKatex);
    this.md.inline.ruler.before('escape', 'dollar_guard', dollarGuard);
    this.md.core.ruler.push('ml_lab_annotate', annotate);
    const r = this.md.renderer.rules;
    r.math_inline = (tokens, idx, _o, env) => renderMath(tokens[idx], false, lab(env));
    r.math_inline_block = (tokens, idx, _o, env) => renderMath(tokens[idx], true, lab(env));
    r.math_block = (tokens, idx, _o, env) => renderMath(tokens[idx], true, lab(env));
    const fence = r.fence!.bind(r);
    r.fence = (tokens, idx, options, env, self) => {
      const token = tokens[idx];
      const kind = token.info.trim().split(/\s+/)[0];
      if (kind === 'mermaid') {
        (lab(env)).hasMermaid = true;
        return `<div class="mermaid-block"><pre class="mermaid">${escapeHtml(token.content)}</pre></div>\n`;
      }
      if (kind === 'recall') return recallArea(token, lab(env));
      // ```explore and ```widget: a placeholder the webview draws, or a note and problems (explore/render.ts)
      const exploration = renderExploration(kind, token.content, lab(env).firstLine + (token.map?.[0] ?? 0), { finite: lab(env).checkExplorations });
      if (exploration) {
        lab(env).problems.push(...exploration.problems);
        return exploration.html;
      }
      return fence(tokens, idx, options, env, self);
    };
    r.link_open = (tokens, idx, options, env, self) => {
      rewriteLink(tokens[idx], lab(env));
      return self.renderToken(tokens, idx, options);
    };
    r.image = (tokens, idx) => {
      const t = tokens[idx];
      const alt = t.children?.map((c) => c.content).join('') ?? '';
      // no remote or local images in the webview's CSP: say what is missing instead of a broken icon
      return `<span class="missing-image" title="${escapeHtml(String(t.attrGet('src') ?? ''))}">[image: ${escapeHtml(alt)}]</span>`;
    };
  }

  render(markdown: string, opts: RenderOptions = {}): RenderedMarkdown {
    const env: Env = {
      firstLine: opts.firstLine ?? 1,
      outline: [],
      slugs: new Map(),
      problems: [],
      lessonLinks: [],
      hasMermaid: false,
      hasMath: false,
      mathTokens: 0,
      progress: opts.progress,
      lessonExists: opts.lessonExists,
      repoExists: opts.repoExists,
      checkExplorations: opts.checkExplorations,
    };
    const html = this.md.render(markdown, env as unknown as Record<string, unknown>);
    return { html, outline: env.outline, hasMermaid: env.hasMermaid, hasMath: env.hasMath, problems: env.problems, lessonLinks: env.lessonLinks };
  }

  /** Inline-only rendering (a single paragraph without the `<p>`), e.g. for trace steps. */
  renderInline(markdown: string, opts: RenderOptions = {}): RenderedMarkdown {
    const env: Env = {
      firstLine: opts.firstLine ?? 1, outline: [], slugs: new Map(), problems: [], lessonLinks: [],
      hasMermaid: false, hasMath: false, mathTokens: 0, lessonExists: opts.lessonExists, repoExists: opts.repoExists,
    };
    const html = this.md.renderInline(markdown, env as unknown as Record<string, unknown>);
    return { html, outline: [], hasMermaid: false, hasMath: env.hasMath, problems: env.problems, lessonLinks: env.lessonLinks };
  }
}

const lab = (env: unknown): Env => env as Env;

/**
 * A review area's place on the page, named by its fence's file line: the host resolves the cards of
 * that line (recallAreas.ts) and the webview fills the place. Only top-level fences are areas (the
 * line scan that finds them does not look inside lists or quotes).
 */
function recallArea(token: Token, env: Env): string {
  const line = env.firstLine + (token.map?.[0] ?? 0);
  if (token.level > 0) {
    env.problems.push({ line, code: 'recall.nested', message: 'a review area must be at the top level of the lesson, not inside a list or quote' });
    return '<p class="recall-misplaced">Review area not shown: it is inside a list or quote.</p>\n';
  }
  return `<section class="recall-area" data-line="${line}" aria-label="Review area"></section>\n`;
}

function highlight(code: string, lang: string): string {
  const name = lang.trim().split(/\s+/)[0]?.toLowerCase();
  if (name && hljs.getLanguage(name)) {
    return `<pre class="hljs"><code class="language-${escapeHtml(name)}">${hljs.highlight(code, { language: name, ignoreIllegals: true }).value}</code></pre>`;
  }
  // the language is still named, for the code block's Open in Editor
  const named = name && /^[a-z0-9][a-z0-9+#._-]{0,31}$/.test(name) ? ` class="language-${name}"` : '';
  return `<pre class="hljs"><code${named}>${escapeHtml(code)}</code></pre>`;
}

/**
 * Dollar signs in ML prose are often money or shell prompts (`$5 and $10`, `$ pip install`).
 * Pandoc's rule decides: `$` followed by whitespace is never math; `$` followed by a digit opens
 * math only if a closing `$` on the same line has no whitespace before it and no digit after it
 * (`$2^{30}$ bytes` is math, `$5 and $10` is not). Authors write `\$` for a literal dollar.
 */
function dollarGuard(state: StateInline, silent: boolean): boolean {
  const src = state.src;
  const pos = state.pos;
  if (src.charCodeAt(pos) !== 0x24 /* $ */ || src.charCodeAt(pos + 1) === 0x24) return false;
  if (pos > 0 && src.charCodeAt(pos - 1) === 0x24) return false;
  const next = src[pos + 1];
  if (next === undefined) return false;
  if (/\d/.test(next) && closesMath(src, pos + 1)) return false;
  if (!/[\s\d]/.test(next)) return false;
  if (!silent) state.pending += '$';
  state.pos++;
  return true;
}

/** Is there a `$` after `from`, on the same line, that can close inline math (Pandoc's rule)? */
function closesMath(src: string, from: number): boolean {
  for (let i = from; i < src.length; i++) {
    const c = src[i];
    if (c === '\n') return false;
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '$') return !/\s/.test(src[i - 1]) && !/\d/.test(src[i + 1] ?? '');
  }
  return false;
}

/** Give headings ids and an outline, and record each inline token's source line for problems. */
function annotate(state: StateCore): void {
  const env = lab(state.env);
  const tokens = state.tokens;
  const maxNesting = state.md.options.maxNesting ?? 100;
  let tooDeep = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    // markdown-it stops parsing a block that reaches maxNesting and drops the rest of it, silently
    if (!tooDeep && t.nesting === 1 && t.level + 1 >= maxNesting) {
      tooDeep = true;
      env.problems.push({ line: env.firstLine + (t.map?.[0] ?? 0), code: 'markdown.too-deep',
        message: `lists or quotes are nested too deeply here (${maxNesting / 2} levels): what follows is not shown; flatten the nesting` });
    }
    if (t.type === 'inline' && t.children && t.map) {
      for (const c of t.children) c.meta = { ...(c.meta ?? {}), line: t.map[0] };
    }
    if (t.type === 'heading_open') {
      const inline = tokens[i + 1];
      const text = (inline.children ?? []).filter((c) => c.type === 'text' || c.type === 'code_inline' || c.type === 'math_inline').map((c) => c.content).join('').trim();
      let id = slugify(text) || 'section';
      const n = env.slugs.get(id) ?? 0;
      env.slugs.set(id, n + 1);
      if (n > 0) id = `${id}-${n}`;
      id = headingId(id);
      t.attrSet('id', id);
      const level = Number(t.tag.slice(1));
      if (level >= 2 && level <= 3) env.outline.push({ level, text, id });
    }
  }
}

function renderMath(token: Token, display: boolean, env: Env): string {
  env.hasMath = true;
  const latex = token.content;
  const line = env.firstLine + (token.map?.[0] ?? (token.meta as { line?: number } | null)?.line ?? 0);
  const asSource = (message: string) => {
    const tag = display ? 'div' : 'span';
    return `<${tag} class="katex-error" title="${escapeHtml(message)}">${escapeHtml(latex)}</${tag}>`;
  };
  env.progress?.(line);
  const pageLeft = MAX_PAGE_MATH_TOKENS - env.mathTokens;
  if (pageLeft <= 0) return asSource('not rendered: the page has more math than it can show');
  const pageBound = pageLeft < MAX_MATH_TOKENS;
  const counter = countingMacros(Math.min(MAX_MATH_TOKENS, pageLeft), () => pageBound
    ? `the page's math reaches ${MAX_PAGE_MATH_TOKENS.toLocaleString('en-US')} symbols here: this formula and the ones after it are shown as source`
    : `it expands to more than ${MAX_MATH_TOKENS.toLocaleString('en-US')} symbols`);
  try {
    const html = katex.renderToString(latex, {
      ...KATEX_OPTIONS,
      macros: counter.macros,
      displayMode: display || /\\begin\{(align|equation|gather|cd|alignat)\}/i.test(latex),
    });
    return display ? `<div class="katex-block">${html}</div>\n` : html;
  } catch (e) {
    const tooLarge = e instanceof MathTooLarge;
    const message = e instanceof Error ? e.message.replace(/^KaTeX parse error: /, '') : String(e);
    env.problems.push({ line, code: tooLarge ? 'math.too-large' : 'math.parse', message: `cannot ${tooLarge ? 'render' : 'parse'} math \`${truncate(latex, 60)}\`: ${message}` });
    return asSource(message);
  } finally {
    env.mathTokens += counter.used();
  }
}

function rewriteLink(token: Token, env: Env): void {
  const href = String(token.attrGet('href') ?? '');
  const lesson = /^lesson:([a-z0-9][a-z0-9-]*)(?:#([\w-]+))?$/.exec(href);
  if (lesson) {
    const [, id, anchor] = lesson;
    env.lessonLinks.push(id);
    token.attrSet('href', '#');
    token.attrSet('data-lesson', id);
    if (anchor) token.attrSet('data-anchor', headingId(anchor));
    if (env.lessonExists && !env.lessonExists(id)) {
      token.attrSet('class', 'lesson-link broken');
      token.attrSet('title', `No lesson "${id}"`);
      const line = env.firstLine + ((token.meta as { line?: number } | null)?.line ?? 0);
      env.problems.push({ line, code: 'link.unknown-lesson', message: `link to unknown lesson "${id}"` });
    } else {
      token.attrSet('class', 'lesson-link');
    }
  } else if (href.startsWith('code:')) {
    const ref = parseCodeRef(href);
    const line = env.firstLine + ((token.meta as { line?: number } | null)?.line ?? 0);
    token.attrSet('href', '#');
    if (!ref) {
      token.attrSet('class', 'code-ref broken');
      token.attrSet('title', `Invalid code reference: ${href}`);
    } else {
      token.attrSet('data-code-ref', href);
      token.attrSet('title', `${ref.repo}: ${ref.path}${ref.symbol ? ` › ${ref.symbol}` : ''}${ref.lines ? ` (lines ${ref.lines.start}-${ref.lines.end} at the pinned commit)` : ''}`);
      if (env.repoExists && !env.repoExists(ref.repo)) {
        token.attrSet('class', 'code-ref broken');
        env.problems.push({ line, code: 'code-ref.unknown-repo', message: `code reference to unknown repository "${ref.repo}"` });
      } else {
        token.attrSet('class', 'code-ref');
      }
    }
  } else if (/^https?:\/\//i.test(href)) {
    token.attrSet('data-external', 'true');
    token.attrSet('title', href);
  } else if (href.startsWith('#')) {
    token.attrSet('data-anchor', headingId(href.slice(1)));
  } else {
    // relative file links and other schemes have no meaning inside the webview
    token.attrSet('href', '#');
    token.attrSet('class', 'unsupported-link');
    token.attrSet('title', `Unsupported link: ${href}`);
  }
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function truncate(s: string, n: number): string {
  return s.length > n ? s.slice(0, n - 1) + '…' : s;
}
