import * as vscode from 'vscode';
import { MAX_FILE_CHARS } from '../core/content/contentIndex';
import { parseFrontMatter } from '../core/content/frontMatter';
import { editorLanguageId } from '../core/render/codeLanguage';
import { lessonNotebookCells, percentScript, type NotebookCell, type NotebookConversion } from '../core/render/notebookCells';
import type { ContentService } from './contentService';
import type { Logger } from './logger';
import type { LessonPanelManager } from './panels/lessonPanel';
import type { RoadmapNode } from './views/roadmapTreeProvider';

/** The notebook type of VS Code's built-in ipynb extension (`vscode.ipynb`), also in code-server. */
const JUPYTER = 'jupyter-notebook';

/**
 * ML Learning Lab: Open Lesson as Notebook. The argument is a lesson id (the lesson's toolbar
 * button) or a roadmap tree node; from the palette it is the active lesson panel's lesson, or one
 * picked from the published lessons that have Python code.
 */
export function registerNotebookCommand(content: ContentService, panels: LessonPanelManager, log: Logger): vscode.Disposable {
  return vscode.commands.registerCommand('mlLab.openAsNotebook', async (arg?: unknown) => {
    const id = typeof arg === 'string' ? arg
      : typeof arg === 'object' && arg !== null && (arg as RoadmapNode).kind === 'lesson' ? (arg as { id: string }).id
        : panels.activeLessonId() ?? await pickLessonWithCode(content);
    if (!id) return false;
    const conversion = lessonCells(content, id);
    if (!conversion.ok) {
      void vscode.window.showInformationMessage(conversion.message);
      return false;
    }
    return openNotebook(conversion.cells, content.catalog.lessons.get(id)?.title ?? id, log);
  });
}

/** The notebook cells of a lesson read fresh from disk, or why there are none. */
function lessonCells(content: ContentService, lessonId: string): NotebookConversion {
  const c = content.catalog;
  const lesson = c.lessons.get(lessonId);
  if (!lesson || lesson.status !== 'published') return { ok: false, message: `ML Learning Lab: there is no published lesson "${lessonId}".` };
  let text: string;
  try {
    text = content.readFile(lesson.file);
  } catch (e) {
    return { ok: false, message: `Cannot read ${lesson.file}: ${(e as Error).message}` };
  }
  // the file may have grown since it was indexed: bound the parse as the index does
  if (text.length > MAX_FILE_CHARS) return { ok: false, message: `${lesson.file} is larger than ${MAX_FILE_CHARS.toLocaleString('en-US')} characters.` };
  const fm = parseFrontMatter(lesson.file, text, []);
  const track = c.tracks.find((t) => t.id === lesson.track)?.title ?? lesson.track;
  const stage = c.stages.get(lesson.stage)?.title ?? lesson.stage;
  return lessonNotebookCells(fm?.body ?? '', { id: lesson.id, title: lesson.title, place: `${track} › ${stage}` });
}

/**
 * An untitled Jupyter notebook beside the lesson. Without a `jupyter-notebook` serializer (the
 * ipynb extension disabled) opening it throws: the same cells open as a `# %%` Python script then,
 * and the learner is told why.
 */
async function openNotebook(cells: readonly NotebookCell[], title: string, log: Logger): Promise<boolean> {
  // beside the lesson (or whatever is open); in the empty editor area when nothing is
  const viewColumn = vscode.window.tabGroups.activeTabGroup.tabs.length ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active;
  const data = new vscode.NotebookData(cells.map((c) => new vscode.NotebookCellData(
    c.kind === 'code' ? vscode.NotebookCellKind.Code : vscode.NotebookCellKind.Markup, c.source, c.language)));
  // what the ipynb serializer writes on save (and what the Jupyter extension reads to pick a Python kernel)
  data.metadata = { cells: [], metadata: { language_info: { name: 'python' } }, nbformat: 4, nbformat_minor: 2 };
  try {
    const notebook = await vscode.workspace.openNotebookDocument(JUPYTER, data);
    await vscode.window.showNotebookDocument(notebook, { viewColumn, preview: false });
    return true;
  } catch (e) {
    log.warn(`Open as Notebook: no "${JUPYTER}" notebook here (${e instanceof Error ? e.message : String(e)}); opening a # %% script instead`);
    const doc = await vscode.workspace.openTextDocument({ language: 'python', content: percentScript(cells, title) });
    await vscode.window.showTextDocument(doc, { viewColumn, preview: false });
    void vscode.window.showInformationMessage('This editor has no Jupyter notebook support (the built-in "Jupyter Notebook" (ipynb) extension is missing or disabled), '
      + 'so the lesson\'s code opened as a Python file with "# %%" cells, which the Python and Jupyter extensions run cell by cell.');
    return true;
  }
}

interface LessonPick extends vscode.QuickPickItem {
  lessonId: string;
}

/** Published lessons that have Python code, by track, with how many code cells each would give. */
async function pickLessonWithCode(content: ContentService): Promise<string | undefined> {
  const c = content.catalog;
  const items: (LessonPick | vscode.QuickPickItem)[] = [];
  for (const track of c.tracks) {
    const rows: LessonPick[] = [];
    for (const stage of track.stages) {
      for (const id of stage.lessonIds) {
        const l = c.lessons.get(id);
        if (l?.status !== 'published') continue;
        const conversion = lessonCells(content, id);
        if (!conversion.ok) continue;
        rows.push({ lessonId: id, label: l.title, description: `${stage.title} · ${conversion.codeCells} code cell${conversion.codeCells === 1 ? '' : 's'}` });
      }
    }
    if (rows.length) items.push({ label: track.title, kind: vscode.QuickPickItemKind.Separator }, ...rows);
  }
  if (!items.length) {
    void vscode.window.showInformationMessage('ML Learning Lab: no published lesson has Python code blocks.');
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(items, {
    title: 'ML Learning Lab: Open Lesson as Notebook',
    placeHolder: 'Lessons with Python code blocks',
    matchOnDescription: true,
  });
  return pick && 'lessonId' in pick ? pick.lessonId : undefined;
}

/**
 * A lesson's code block in an untitled editor beside the lesson. The text comes from the webview
 * (validated: bounded size, a language name of plain characters) and is only ever editor content;
 * a language VS Code does not know opens as plain text.
 */
export async function openCodeInEditor(code: string, fenceLanguage: string | undefined): Promise<void> {
  const wanted = editorLanguageId(fenceLanguage);
  const language = (await vscode.languages.getLanguages()).includes(wanted) ? wanted : 'plaintext';
  const doc = await vscode.workspace.openTextDocument({ language, content: code });
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: false });
}

/** Copy for a webview whose own clipboard access was refused; true when it worked. */
export async function copyCode(code: string, log: Logger): Promise<boolean> {
  try {
    await vscode.env.clipboard.writeText(code);
    return true;
  } catch (e) {
    log.warn(`Copy code: ${e instanceof Error ? e.message : String(e)}`);
    return false;
  }
}
