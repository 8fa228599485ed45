import { describe, expect, it } from 'vitest';
import { editorLanguageId } from '../../src/core/render/codeLanguage';
import { isPythonFence, lessonNotebookCells, percentScript, type NotebookCell } from '../../src/core/render/notebookCells';

const LESSON = { id: 'kv-cache', title: 'KV Cache', place: 'Transformer Systems › Inference' };

function cells(body: string): NotebookCell[] {
  const r = lessonNotebookCells(body, LESSON);
  if (!r.ok) throw new Error(r.message);
  return r.cells;
}

const code = (cs: NotebookCell[]) => cs.filter((c) => c.kind === 'code').map((c) => c.source);

describe('lessonNotebookCells', () => {
  it('starts with the lesson title and says where the code comes from', () => {
    const [first] = cells('```python\nx = 1\n```\n');
    expect(first.kind).toBe('markdown');
    expect(first.source).toMatch(/^# KV Cache\n\n/);
    expect(first.source).toContain('`kv-cache`');
    expect(first.source).toContain('Transformer Systems › Inference');
    expect(first.source).toMatch(/ML Learning Lab lesson/);
  });

  it('puts the heading above each code block before it, once per section', () => {
    const out = cells([
      '# KV Cache', '', 'Intro.', '',
      '## Sizing the cache', '', 'Prose.', '', '```python', 'a = 1', '```', '', 'More prose.', '', '```py', 'b = 2', '```', '',
      '## No code here', '', 'Words.', '',
      '## Decoding', '', '```python', 'c = 3', '```',
    ].join('\n'));
    expect(out.slice(1).map((c) => [c.kind, c.source])).toEqual([
      ['markdown', '## Sizing the cache'],
      ['code', 'a = 1'],
      ['code', 'b = 2'],
      ['markdown', '## Decoding'],
      ['code', 'c = 3'],
    ]);
    expect(out.filter((c) => c.kind === 'code').every((c) => c.language === 'python')).toBe(true);
  });

  it('keeps the enclosing sections of a subsection, outermost first, and drops the H1 that repeats the title', () => {
    const out = cells('# KV Cache\n\n## Memory\n\n### Per token\n\n```python\nx = 1\n```\n\n### Per layer\n\n```python\ny = 2\n```\n');
    expect(out.slice(1).map((c) => c.source)).toEqual(['## Memory\n\n### Per token', 'x = 1', '### Per layer', 'y = 2']);
  });

  it('keeps heading markdown (math, code spans) as written, and setext headings', () => {
    const out = cells('## Cost of `attn` in $O(n^2)$\n\n```python\nx = 1\n```\n\nPaged blocks\n------------\n\n```python\ny = 2\n```\n');
    expect(out[1].source).toBe('## Cost of `attn` in $O(n^2)$');
    expect(out[3].source).toBe('## Paged blocks');
  });

  it('reads ~~~ fences, indented fences in lists and fences in quotes; the longer outer fence wins', () => {
    const body = [
      '## Steps', '',
      '1. First step:', '', '   ```python', '   def f():', '       return 1', '   ```', '',
      '> ~~~py', '> q = 2', '> ~~~', '',
      '~~~Python title="x.py"', 'r = 3', '~~~', '',
      '````markdown', '```python', 'not_code = True', '```', '````',
    ].join('\n');
    expect(code(cells(body))).toEqual(['def f():\n    return 1', 'q = 2', 'r = 3']);
  });

  it('skips other languages, mermaid, math, indented code and empty blocks', () => {
    const body = '```bash\npip install torch\n```\n\n```mermaid\ngraph LR\n```\n\n```\nplain\n```\n\n    indented = 1\n\n$$\nx\n$$\n\n```python\n```\n\n```pycon\n>>> 1\n```\n\n```python\nkept = 1\n```\n';
    expect(code(cells(body))).toEqual(['kept = 1']);
  });

  it('does not read fences inside a $$ math block (the renderer shows them as math)', () => {
    expect(lessonNotebookCells('$$\n```python\nx = 1\n```\n$$\n', LESSON).ok).toBe(false);
  });

  it('gives a clear message, not an empty notebook, when the lesson has no Python code', () => {
    const r = lessonNotebookCells('# KV Cache\n\nOnly words.\n\n```bash\nls\n```\n', LESSON);
    expect(r).toEqual({ ok: false, message: expect.stringMatching(/"KV Cache" has no Python code blocks/) });
  });

  it('handles a large lesson quickly (block parse only)', () => {
    const section = '## Part\n\nSome *prose* with `code` and $x$ and [a link](https://example.com).\n\n```python\nprint(1)\n```\n\n';
    const body = section.repeat(4000);
    const t = performance.now();
    const r = lessonNotebookCells(body, LESSON);
    expect(r.ok && r.codeCells).toBe(4000);
    expect(performance.now() - t).toBeLessThan(1000);
  });
});

describe('percentScript', () => {
  it('writes # %% code cells and commented # %% [markdown] cells', () => {
    const script = percentScript(cells('## Sizing\n\n```python\na = 1\n\nb = 2\n```\n'));
    expect(script).toBe([
      '# %% [markdown]', '# # KV Cache', '#',
      '# Code from the ML Learning Lab lesson **KV Cache** (`kv-cache`, Transformer Systems › Inference): its Python code blocks, under the headings they follow. The explanations are in the lesson.',
      '', '# %% [markdown]', '# ## Sizing', '', '# %%', 'a = 1', '', 'b = 2', '',
    ].join('\n'));
  });

  it('names the script after the lesson on a first line of its own', () => {
    expect(percentScript(cells('```python\nx = 1\n```\n'), 'KV Cache')).toMatch(/^# KV Cache: code from ML Learning Lab\n\n# %% \[markdown\]\n/);
  });
});

describe('fence languages', () => {
  it('knows the Python fences', () => {
    for (const f of ['python', 'py', 'Python', 'python3', 'py title="x"']) expect(isPythonFence(f), f).toBe(true);
    for (const f of ['', 'pycon', 'pyi', 'bash', 'text python']) expect(isPythonFence(f), f).toBe(false);
  });

  it('maps fence names to VS Code language ids', () => {
    expect(editorLanguageId('py')).toBe('python');
    expect(editorLanguageId('sh')).toBe('shellscript');
    expect(editorLanguageId('TS')).toBe('typescript');
    expect(editorLanguageId('rust')).toBe('rust');
    expect(editorLanguageId('')).toBe('plaintext');
    expect(editorLanguageId(undefined)).toBe('plaintext');
  });
});

describe('code blocks in the rendered lesson', () => {
  it('name their language for Open in Editor, known to highlight.js or not', async () => {
    const { LessonRenderer } = await import('../../src/core/render/lessonRenderer');
    const html = new LessonRenderer().render('```python\nx = 1\n```\n\n```rust\nfn main() {}\n```\n\n```\nplain\n```\n\n```"><b\nx\n```\n').html;
    expect(html).toContain('<code class="language-python">');
    expect(html).toContain('<code class="language-rust">fn main() {}');
    expect(html).toContain('<pre class="hljs"><code>plain');
    expect(html).not.toContain('<b');
  });
});
