import { readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { makeBackup, readBackup, toAnkiCsv } from '../core/review/backup';
import type { ReviewScope } from '../core/review/scope';
import type { ContentService } from './contentService';
import type { ReviewPanelManager } from './panels/reviewPanel';
import type { ReviewService } from './reviewService';
import type { RoadmapNode } from './views/roadmapTreeProvider';

function scopeOf(arg: unknown): ReviewScope {
  const n = arg as RoadmapNode | undefined;
  if (n && (n.kind === 'track' || n.kind === 'stage' || n.kind === 'lesson')) return { kind: n.kind, id: n.id };
  return { kind: 'all' };
}

export function registerReviewCommands(storageDir: vscode.Uri, content: ContentService, reviews: ReviewService, panels: ReviewPanelManager): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('mlLab.reviewDue', (arg?: unknown) => panels.start({ scope: scopeOf(arg) })),
    vscode.commands.registerCommand('mlLab.learnNew', (arg?: unknown) => panels.start({ scope: scopeOf(arg), includeDue: false })),
    vscode.commands.registerCommand('mlLab.reviewScope', (arg?: unknown) => panels.start({ scope: scopeOf(arg) })),
    vscode.commands.registerCommand('mlLab.exportHistory', async () => {
      const target = await vscode.window.showSaveDialog({
        title: 'Export review history',
        defaultUri: vscode.Uri.joinPath(defaultFolder(), `ml-learning-lab-reviews-${new Date().toISOString().slice(0, 10)}.json`),
        filters: { 'Review backup (JSON)': ['json'] },
      });
      if (!target) return;
      const backup = makeBackup(reviews.store.readAll(), reviews.store.all(), Date.now());
      writeFileSync(target.fsPath, JSON.stringify(backup));
      const csv = target.fsPath.replace(/\.json$/i, '') + '.anki.csv';
      writeFileSync(csv, toAnkiCsv(content.catalog, reviews.store.all()));
      void vscode.window.showInformationMessage(`Exported ${backup.entries.length} review entries to ${target.fsPath}, and ${reviews.store.all().size} cards with intervals to ${csv} (for Anki).`);
    }),
    vscode.commands.registerCommand('mlLab.importHistory', async () => {
      const picked = await vscode.window.showOpenDialog({ title: 'Import review history', canSelectMany: false, filters: { 'Review backup (JSON)': ['json'] } });
      if (!picked?.[0]) return;
      try {
        const { entries, skipped } = readBackup(readFileSync(picked[0].fsPath, 'utf8'));
        const added = reviews.store.importEntries(entries);
        reviews.changed();
        void vscode.window.showInformationMessage(`Imported ${added} new review entries (${entries.length - added} were already here${skipped ? `, ${skipped} unreadable` : ''}). Newer reviews are kept.`);
      } catch (e) {
        void vscode.window.showErrorMessage(`Cannot import ${picked[0].fsPath}: ${(e as Error).message}`);
      }
    }),
    vscode.commands.registerCommand('mlLab.resetProgress', async () => {
      const first = await vscode.window.showWarningMessage('Reset all review progress? Every card becomes new again.', { modal: true }, 'Reset…');
      if (first !== 'Reset…') return;
      const second = await vscode.window.showWarningMessage(`Really reset ${reviews.store.all().size} cards? A backup is written first.`, { modal: true }, 'Write Backup and Reset');
      if (second !== 'Write Backup and Reset') return;
      const file = vscode.Uri.joinPath(storageDir, `backup-before-reset-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
      writeFileSync(file.fsPath, JSON.stringify(makeBackup(reviews.store.readAll(), reviews.store.all(), Date.now())));
      reviews.store.reset(Date.now());
      reviews.changed();
      void vscode.window.showInformationMessage(`Progress reset. The backup is at ${file.fsPath} (use Import Review History to bring it back).`);
    }),
  );
}

function defaultFolder(): vscode.Uri {
  return vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(homedir());
}

/** Today's due count in the status bar; click to review. Recomputed on changes and every minute (cards fall due). */
export function createDueStatusItem(reviews: ReviewService, content: ContentService): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('mlLab.due', vscode.StatusBarAlignment.Left, 50);
  item.name = 'ML Learning Lab: Due Cards';
  item.command = 'mlLab.reviewDue';
  const update = () => {
    const due = reviews.dueCount();
    const orphans = reviews.orphanCount();
    item.text = `$(mortar-board) ${due} due`;
    item.tooltip = [
      due ? `${due} card${due === 1 ? '' : 's'} due for review. Click to start (ML Learning Lab: Review Due Cards).` : 'No cards due. Click to review or learn new cards.',
      orphans ? `${orphans} card${orphans === 1 ? '' : 's'} with review history ${orphans === 1 ? 'is' : 'are'} no longer in the content; the history is kept and comes back if the card returns.` : '',
    ].filter(Boolean).join('\n\n');
    item.show();
  };
  update();
  // the review service ticks when cards fall due; the tree refreshes on the same event
  return vscode.Disposable.from(item, reviews.onDidChange(update), content.onDidChange(update));
}
