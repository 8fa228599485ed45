import * as vscode from 'vscode';
import type { LessonCodeLensProvider } from './codeLensProvider';
import type { ContentService } from './contentService';
import type { LessonPanelManager } from './panels/lessonPanel';

/** "Lessons about this file": every lesson and card that references the active file (or one symbol in it). */
export function registerCodeRefCommands(content: ContentService, lenses: LessonCodeLensProvider, lessons: LessonPanelManager): vscode.Disposable {
  return vscode.commands.registerCommand('mlLab.lessonsForFile', async (uriArg?: unknown, symbolArg?: unknown) => {
    const uri = uriArg instanceof vscode.Uri ? uriArg : vscode.window.activeTextEditor?.document.uri;
    if (!uri) {
      void vscode.window.showInformationMessage('Open a source file first.');
      return;
    }
    const users = lenses.usersOf(uri);
    if (users === undefined) {
      void vscode.window.showInformationMessage('This file is not in a checkout of a repository the lessons reference (see mlLearningLab.sourceRoots).');
      return;
    }
    const symbol = typeof symbolArg === 'string' && symbolArg ? symbolArg : undefined;
    const relevant = symbol ? users.filter((u) => (u.ref.symbol ?? (u.ref.lines ? `#L${u.ref.lines.start}` : '')) === symbol) : users;
    if (!relevant.length) {
      void vscode.window.showInformationMessage('No lesson references this file yet.');
      return;
    }
    const c = content.catalog;
    const items = new Map<string, vscode.QuickPickItem & { lessonId?: string; cardFile?: { file: string; line: number } }>();
    for (const u of relevant) {
      if (u.kind === 'lesson') {
        const l = c.lessons.get(u.id);
        const key = `lesson:${u.id}`;
        const prior = items.get(key);
        const sym = u.ref.symbol ?? 'this file';
        if (prior) prior.detail = `${prior.detail}, ${sym}`;
        else items.set(key, { label: `$(book) ${l?.title ?? u.id}`, description: l?.status === 'planned' ? 'planned' : 'lesson', detail: `references ${sym}`, lessonId: u.id });
      } else {
        const card = c.cards.get(u.id);
        if (!card) continue;
        const lesson = u.lessonId ? c.lessons.get(u.lessonId) : undefined;
        items.set(`card:${u.id}`, { label: `$(note) ${card.noteId}`, description: `${card.category} card${lesson ? ` · ${lesson.title}` : ''}`, detail: card.front.split('\n')[0].slice(0, 120), lessonId: lesson?.status === 'published' ? lesson.id : undefined, cardFile: { file: card.file, line: card.line } });
      }
    }
    const pick = await vscode.window.showQuickPick([...items.values()], { title: `ML Learning Lab: lessons about ${symbol ?? uri.path.split('/').pop()}`, matchOnDetail: true });
    if (!pick) return;
    if (pick.lessonId) lessons.open(pick.lessonId, vscode.ViewColumn.Beside);
    else if (pick.cardFile) await vscode.window.showTextDocument(vscode.Uri.file(pick.cardFile.file), { viewColumn: vscode.ViewColumn.Beside, selection: new vscode.Range(pick.cardFile.line - 1, 0, pick.cardFile.line - 1, 0) });
  });
}
