import * as vscode from 'vscode';
import { refPicks } from '../core/sources/refPicks';
import { CODE_REF_ANCHOR } from '../shared/protocol/lesson';
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
      void vscode.window.showInformationMessage('This file is not in a checkout of a repository the lessons reference (see MLLearningLab.sourceRoots).');
      return;
    }
    const symbol = typeof symbolArg === 'string' && symbolArg ? symbolArg : undefined;
    const relevant = symbol ? users.filter((u) => (u.ref.symbol ?? (u.ref.lines ? `#L${u.ref.lines.start}` : '')) === symbol) : users;
    if (!relevant.length) {
      void vscode.window.showInformationMessage('No lesson references this file yet.');
      return;
    }
    const picks = refPicks(content.catalog, relevant).map(({ kind, ...r }) => ({ ...r, label: `${kind === 'lesson' ? '$(book)' : '$(note)'} ${r.title}` }));
    const pick = await vscode.window.showQuickPick(picks, { title: `ML Learning Lab: lessons about ${symbol ?? uri.path.split('/').pop()}`, matchOnDetail: true });
    if (!pick) return;
    // a lesson opens at the paragraph that cites this code, highlighted
    if (pick.lessonId) lessons.open(pick.lessonId, vscode.ViewColumn.Beside, pick.url ? `${CODE_REF_ANCHOR}${pick.url}` : undefined);
    else if (pick.cardFile) await vscode.window.showTextDocument(vscode.Uri.file(pick.cardFile.file), { viewColumn: vscode.ViewColumn.Beside, selection: new vscode.Range(pick.cardFile.line - 1, 0, pick.cardFile.line - 1, 0) });
  });
}
