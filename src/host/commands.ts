import * as vscode from 'vscode';
import type { ContentService } from './contentService';
import type { LessonPanelManager } from './panels/lessonPanel';
import type { ProgressStore } from './progressStore';
import type { RoadmapNode } from './views/roadmapTreeProvider';

interface LessonPick extends vscode.QuickPickItem {
  lessonId: string;
}

/** Resolve a command argument: a lesson id (from code) or a tree node (from a context menu). */
function lessonIdOf(arg: unknown, panels: LessonPanelManager): string | undefined {
  if (typeof arg === 'string') return arg;
  if (typeof arg === 'object' && arg !== null && (arg as RoadmapNode).kind === 'lesson') return (arg as { id: string }).id;
  return panels.activeLessonId();
}

export function registerCommands(content: ContentService, panels: LessonPanelManager, progress: ProgressStore): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('mlLab.openLesson', async (arg?: unknown) => {
      const direct = typeof arg === 'string' ? arg : undefined;
      if (direct) return panels.open(direct);
      const treeId = lessonIdOf(arg, panels);
      if (arg && treeId) return panels.open(treeId);
      const picked = await pickLesson(content, progress);
      return picked ? panels.open(picked) : false;
    }),
    vscode.commands.registerCommand('mlLab.markRead', async (arg?: unknown) => {
      const id = lessonIdOf(arg, panels);
      if (id) await progress.setRead(id, true);
    }),
    vscode.commands.registerCommand('mlLab.markUnread', async (arg?: unknown) => {
      const id = lessonIdOf(arg, panels);
      if (id) await progress.setRead(id, false);
    }),
    vscode.commands.registerCommand('mlLab.keepLessonOpen', () => panels.keepOpen()),
    vscode.commands.registerCommand('mlLab.reloadContent', () => content.reload()),
    vscode.commands.registerCommand('mlLab.checkContent', async () => {
      content.reload();
      await vscode.commands.executeCommand('workbench.actions.view.problems');
    }),
  );
}

/** Quick pick over all lessons, grouped by track, searchable by title, summary and tags. */
async function pickLesson(content: ContentService, progress: ProgressStore): Promise<string | undefined> {
  const c = content.catalog;
  const items: (LessonPick | vscode.QuickPickItem)[] = [];
  for (const track of c.tracks) {
    items.push({ label: track.title, kind: vscode.QuickPickItemKind.Separator });
    for (const stage of track.stages) {
      for (const id of stage.lessonIds) {
        const l = c.lessons.get(id)!;
        const planned = l.status === 'planned';
        items.push({
          lessonId: id,
          label: `${planned ? '$(circle-slash)' : progress.isRead(id) ? '$(pass-filled)' : '$(circle-large-outline)'} ${l.title}`,
          description: [stage.title, planned ? 'planned' : l.minutes ? `${l.minutes} min` : undefined].filter(Boolean).join(' · '),
          detail: [l.summary, l.tags.length ? l.tags.map((t) => `#${t}`).join(' ') : ''].filter(Boolean).join('  '),
        });
      }
    }
  }
  const pick = await vscode.window.showQuickPick(items, {
    title: 'ML Learning Lab: Open Lesson',
    placeHolder: 'Search lessons by title, summary or tag',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return pick && 'lessonId' in pick ? pick.lessonId : undefined;
}
