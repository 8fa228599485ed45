import markdownIt, { type Token } from 'markdown-it';
import markdownItKatex from '@vscode/markdown-it-katex';

/**
 * A lesson as a notebook: its Python code blocks become code cells, and the headings above them
 * markdown cells, so the notebook reads as the lesson's runnable skeleton (the prose stays in the
 * lesson). Pure: the host turns the cells into `vscode.NotebookData`, or into a `# %%` script where
 * no notebook serializer exists.
 */
export interface NotebookCell {
  kind: 'markdown' | 'code';
  language: 'markdown' | 'python';
  source: string;
}

export type NotebookConversion =
  | { ok: true; cells: NotebookCell[]; codeCells: number }
  | { ok: false; message: string };

export interface NotebookLesson {
  id: string;
  title: string;
  /** Where the lesson sits, e.g. "Transformer Systems › Inference"; shown under the title. */
  place?: string;
}

/** Fence languages that become code cells (the first word of the info string, any case). */
export const PYTHON_FENCES: ReadonlySet<string> = new Set(['python', 'py', 'python3', 'py3']);

export function isPythonFence(info: string): boolean {
  return PYTHON_FENCES.has(info.trim().split(/\s+/)[0]?.toLowerCase() ?? '');
}

// The renderer's block grammar (markdown-it with `$$` math blocks), so a fence is a fence here
// exactly when the lesson page shows it as one; inline parsing is off: heading text stays source.
const md = markdownIt({ html: false });
md.use(markdownItKatex);
md.core.ruler.disable(['inline', 'linkify', 'replacements', 'smartquotes', 'text_join'], true);

/**
 * Convert a lesson's markdown body (without front matter) to notebook cells: a title cell, then for
 * each Python fence the headings above it that have not been emitted yet (its section and the
 * sections that contain it, outermost first) and the code. A lesson without Python code is not an
 * empty notebook but a message saying why.
 */
export function lessonNotebookCells(body: string, lesson: NotebookLesson): NotebookConversion {
  const tokens = md.parse(body, {});
  const cells: NotebookCell[] = [titleCell(lesson)];
  // the open sections: heading level, its markdown, and whether a cell shows it already
  const trail: { level: number; text: string; emitted: boolean }[] = [];
  let codeCells = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.type === 'heading_open') {
      const level = Number(t.tag.slice(1));
      const text = headingText(tokens[i + 1]);
      while (trail.length && trail[trail.length - 1].level >= level) trail.pop();
      // the lesson's own top heading repeats the title cell
      const sameAsTitle = level === 1 && text.toLowerCase() === lesson.title.trim().toLowerCase();
      trail.push({ level, text, emitted: sameAsTitle || !text });
    } else if (t.type === 'fence' && isPythonFence(t.info)) {
      const source = t.content.trimEnd();
      if (!source) continue;
      const pending = trail.filter((h) => !h.emitted);
      if (pending.length) {
        cells.push({ kind: 'markdown', language: 'markdown', source: pending.map((h) => `${'#'.repeat(h.level)} ${h.text}`).join('\n\n') });
        for (const h of pending) h.emitted = true;
      }
      cells.push({ kind: 'code', language: 'python', source });
      codeCells++;
    }
  }
  if (!codeCells) {
    return { ok: false, message: `"${lesson.title}" has no Python code blocks (\`\`\`python or \`\`\`py fences) to open as a notebook.` };
  }
  return { ok: true, cells, codeCells };
}

function titleCell(lesson: NotebookLesson): NotebookCell {
  const from = `Code from the ML Learning Lab lesson **${escapeMarkdown(lesson.title)}** (\`${lesson.id}\`${lesson.place ? `, ${escapeMarkdown(lesson.place)}` : ''}): `
    + 'its Python code blocks, under the headings they follow. The explanations are in the lesson.';
  return { kind: 'markdown', language: 'markdown', source: `# ${escapeMarkdown(lesson.title)}\n\n${from}` };
}

/** A heading's text as written (math, code spans and emphasis stay markdown for the notebook to render). */
function headingText(inline: Token | undefined): string {
  return (inline?.content ?? '').replace(/\s+/g, ' ').trim();
}

function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_[\]<>#|]/g, (c) => `\\${c}`);
}

/**
 * The cells as a Python script in the percent format (`# %%` code cells, `# %% [markdown]` cells
 * with every line commented), which VS Code's Python and Jupyter tooling runs cell by cell: the
 * fallback where no notebook serializer is installed. `title` (the lesson's) goes on a first line of
 * its own, which VS Code shows as the untitled editor's name.
 */
export function percentScript(cells: readonly NotebookCell[], title?: string): string {
  // a first line before the cells names the untitled editor's tab
  const head = title ? `# ${title.replace(/\s+/g, ' ')}: code from ML Learning Lab\n\n` : '';
  return head + cells.map((c) => c.kind === 'code'
    ? `# %%\n${c.source}\n`
    : `# %% [markdown]\n${c.source.split('\n').map((l) => (l ? `# ${l}` : '#')).join('\n')}\n`).join('\n');
}
