import { describe, expect, it } from 'vitest';
import { LessonRenderer } from '../../src/core/render/lessonRenderer';
import { slugify } from '../../src/core/render/slug';

const r = new LessonRenderer();

describe('LessonRenderer', () => {
  it('renders inline and display math with KaTeX', () => {
    const out = r.render('Scores $QK^\\top$ are scaled.\n\n$$\n\\mathrm{softmax}\\left(\\frac{QK^\\top}{\\sqrt{d_k}}\\right)V\n$$\n');
    expect(out.hasMath).toBe(true);
    expect(out.html).toContain('class="katex"');
    expect(out.html).toContain('<div class="katex-block">');
    expect(out.problems).toEqual([]);
  });

  it('treats a dollar before a digit or space as money, not math', () => {
    const out = r.render('It costs $5 and $10 per hour.\n\nRun `$ pip install` or $ echo.');
    expect(out.hasMath).toBe(false);
    expect(out.html).toContain('$5 and $10');
    expect(r.render('A \\$ sign and $x$.').html).toContain('class="katex"');
    // a digit may open math when a proper closing dollar follows (Pandoc's rule)
    expect(r.render('A GiB is $2^{30}$ bytes.').html).toContain('class="katex"');
    expect(r.render('Prices: $20,000 and $30,000.').hasMath).toBe(false);
    expect(r.render('$2 \\cdot L$ layers').html).toContain('class="katex"');
  });

  it('reports math that KaTeX cannot parse at its file line, without throwing', () => {
    const out = r.render('# T\n\nfine $x$\n\nbad $\\frac{a$ here\n\n$$\n\\badmacro{x}\n$$\n', { firstLine: 10 });
    expect(out.problems.map((p) => [p.line, p.code])).toEqual([[14, 'math.parse'], [16, 'math.parse']]);
    expect(out.html).toContain('class="katex-error"');
  });

  it('refuses KaTeX commands that could reach the network', () => {
    const out = r.render('$\\href{https://evil.example}{x}$');
    expect(out.html).not.toContain('evil.example"');
  });

  it('gives headings unique ids and an outline of h2/h3', () => {
    const out = r.render('# Title\n\n## Why scale?\n\n### Details\n\n## Why scale?\n');
    expect(out.outline).toEqual([
      { level: 2, text: 'Why scale?', id: 'h-why-scale' },
      { level: 3, text: 'Details', id: 'h-details' },
      { level: 2, text: 'Why scale?', id: 'h-why-scale-1' },
    ]);
    expect(out.html).toContain('<h2 id="h-why-scale-1">');
  });

  it('turns lesson: links into data attributes and marks unknown lessons', () => {
    const out = r.render('See [KV](lesson:kv-cache#sizing) and [x](lesson:nope).', { lessonExists: (id) => id === 'kv-cache' });
    expect(out.html).toContain('data-lesson="kv-cache"');
    expect(out.html).toContain('data-anchor="h-sizing"');
    expect(out.html).toContain('class="lesson-link broken"');
    expect(out.problems.map((p) => p.code)).toEqual(['link.unknown-lesson']);
    expect(out.lessonLinks).toEqual(['kv-cache', 'nope']);
  });

  it('marks external links and neutralises other schemes', () => {
    const out = r.render('[a](https://arxiv.org/abs/1706.03762) [b](javascript:alert(1)) [c](../x.md)');
    expect(out.html).toContain('data-external="true"');
    expect(out.html).not.toContain('href="javascript:');
    expect(out.html).toContain('class="unsupported-link"');
  });

  it('escapes raw HTML (lesson markdown is untrusted)', () => {
    const out = r.render('<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>');
    expect(out.html).not.toContain('<script>');
    expect(out.html).not.toContain('<img');
  });

  it('highlights code and leaves mermaid for the webview', () => {
    const out = r.render('```python\ndef f(x):\n    return x\n```\n\n```mermaid\ngraph LR\n  A-->B\n```\n');
    expect(out.html).toContain('hljs-keyword');
    expect(out.hasMermaid).toBe(true);
    expect(out.html).toContain('<pre class="mermaid">graph LR\n  A--&gt;B\n</pre>');
  });

  it('renders tables and replaces images with their alt text', () => {
    const out = r.render('| a | b |\n|---|---|\n| 1 | 2 |\n\n![a diagram](https://example.org/x.png)');
    expect(out.html).toContain('<table>');
    expect(out.html).toContain('[image: a diagram]');
  });
});

describe('slugify', () => {
  it('makes GitHub-style slugs', () => {
    expect(slugify('KV cache: what is stored?')).toBe('kv-cache-what-is-stored');
    expect(slugify('Prefill vs. decode')).toBe('prefill-vs-decode');
  });
});
