import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { ContentService } from './contentService';
import { LessonPanelManager } from './panels/lessonPanel';
import { ProgressStore } from './progressStore';
import { RoadmapTreeProvider } from './views/roadmapTreeProvider';

/** Wiring only: every feature is a disposable owned by the extension context. */
export function activate(context: vscode.ExtensionContext): void {
  const t0 = performance.now();
  const log = vscode.window.createOutputChannel('ML Learning Lab', { log: true });
  context.subscriptions.push(log);
  try {
    const progress = new ProgressStore(context.globalState, log);
    const content = new ContentService(vscode.Uri.joinPath(context.extensionUri, 'content').fsPath, log);
    const tree = new RoadmapTreeProvider(content, progress);
    const panels = new LessonPanelManager(context.extensionUri, content, progress, log);
    context.subscriptions.push(progress, content, tree, panels);
    content.reload();
    const view = vscode.window.createTreeView('mlLab.roadmap', { treeDataProvider: tree, showCollapseAll: true });
    context.subscriptions.push(view, registerCommands(content, panels, progress));
    log.info(`Activated in ${(performance.now() - t0).toFixed(1)} ms`);
  } catch (e) {
    log.error(e instanceof Error ? e : new Error(String(e)));
    void vscode.window.showErrorMessage(`ML Learning Lab failed to start: ${e instanceof Error ? e.message : String(e)}. See the "ML Learning Lab" output for details.`);
  }
}

export function deactivate(): void {
  // everything is disposed through context.subscriptions
}
