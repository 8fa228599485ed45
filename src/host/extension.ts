import * as vscode from 'vscode';
import { SYNC_KEY } from '../core/review/reviewStore';
import { LessonCodeLensProvider } from './codeLensProvider';
import { registerNotebookCommand } from './lessonCode';
import { registerCodeRefCommands } from './codeRefCommands';
import { CodeRefService } from './codeRefService';
import { registerCommands } from './commands';
import { SearchCommand } from './searchCommand';
import { ContentService } from './contentService';
import { DashboardPanelManager } from './panels/dashboardPanel';
import { LessonPanelManager } from './panels/lessonPanel';
import { MapPanelManager } from './panels/mapPanel';
import { registerAuthoringCommands } from './authoringCommands';
import { ReviewPanelManager } from './panels/reviewPanel';
import { READ_STATE_KEY, ProgressStore } from './progressStore';
import { createDueStatusItem, registerReviewCommands } from './reviewCommands';
import { ReviewService } from './reviewService';
import { RoadmapTreeProvider } from './views/roadmapTreeProvider';
import { migrateLegacySettings } from './settings';
import { TodayViewProvider } from './views/todayView';

/** What `activate` returns (the extension's exports): timings, read by the integration tests and the notes. */
export interface MlLabApi {
  timings: { treeReadyMs?: number; activatedMs?: number; reviewStateCards?: number };
  /** Move settings still under their old names (done at activation; here for the integration tests). */
  migrateSettings: () => Promise<string[]>;
}

/** Wiring only: every feature is a disposable owned by the extension context. */
export function activate(context: vscode.ExtensionContext): MlLabApi {
  const api: MlLabApi = { timings: {}, migrateSettings: migrateLegacySettings };
  const t0 = performance.now();
  const log = vscode.window.createOutputChannel('ML Learning Lab', { log: true });
  context.subscriptions.push(log);
  try {
    // small, bounded keys follow the learner to other machines through Settings Sync
    context.globalState.setKeysForSync([READ_STATE_KEY, SYNC_KEY]);
    // settings renamed from mlLearningLab.* are moved in the background; until then they are read where they are
    void migrateLegacySettings().then(
      (moved) => { if (moved.length) log.info(`Settings moved to their new names: ${moved.join('; ')}`); },
      (e) => log.warn(`Settings under their old names (mlLearningLab.*) could not be moved, so they are read from there: ${e instanceof Error ? e.message : String(e)}`),
    );
    const progress = new ProgressStore(context.globalState, log);
    const content = new ContentService(vscode.Uri.joinPath(context.extensionUri, 'content').fsPath, log);
    const tree = new RoadmapTreeProvider(content, progress);
    const codeRefs = new CodeRefService(content, log);
    const lessons = new LessonPanelManager(context.extensionUri, content, progress, log, codeRefs);
    context.subscriptions.push(progress, content, tree, codeRefs, lessons);
    content.reload();
    const view = vscode.window.createTreeView('mlLab.roadmap', { treeDataProvider: tree, showCollapseAll: true });
    context.subscriptions.push(view, registerCommands(content, lessons, progress), registerAuthoringCommands(context.extensionUri, content, lessons),
      new SearchCommand(content, lessons, log), registerNotebookCommand(content, lessons, log));
    api.timings.treeReadyMs = performance.now() - t0;
    log.info(`Tree ready in ${api.timings.treeReadyMs.toFixed(1)} ms`);

    const reviews = new ReviewService(context.globalStorageUri.fsPath, context.globalState, content, progress, log);
    const reviewPanels = new ReviewPanelManager(context.extensionUri, content, reviews, codeRefs, log);
    context.subscriptions.push(reviews, reviewPanels,
      registerReviewCommands(context.globalStorageUri, content, reviews, reviewPanels),
      createDueStatusItem(reviews, content));
    tree.setReviews(reviews);
    lessons.setReviews(reviews);

    const dashboard = new DashboardPanelManager(context.extensionUri, content, progress, reviews, log);
    const map = new MapPanelManager(context.extensionUri, content, progress, reviews, log);
    context.subscriptions.push(dashboard, map,
      vscode.commands.registerCommand('mlLab.dailyPractice', () => dashboard.show()),
      vscode.commands.registerCommand('mlLab.showRoadmap', (arg?: { kind?: string; id?: string }) => map.showTrack(arg?.kind === 'track' ? arg.id : undefined)));
    const today = new TodayViewProvider(context.extensionUri, dashboard, content, progress, reviews, log);
    context.subscriptions.push(today, vscode.window.registerWebviewViewProvider('mlLab.today', today));

    const lenses = new LessonCodeLensProvider(content, codeRefs);
    context.subscriptions.push(lenses, vscode.languages.registerCodeLensProvider({ scheme: 'file' }, lenses), registerCodeRefCommands(content, lenses, lessons));
    api.timings.activatedMs = performance.now() - t0;
    api.timings.reviewStateCards = reviews.store.all().size;
    log.info(`Activated in ${api.timings.activatedMs.toFixed(1)} ms`);
  } catch (e) {
    log.error(e instanceof Error ? e : new Error(String(e)));
    void vscode.window.showErrorMessage(`ML Learning Lab failed to start: ${e instanceof Error ? e.message : String(e)}. See the "ML Learning Lab" output for details.`);
  }
  return api;
}

export function deactivate(): void {
  // everything is disposed through context.subscriptions (the review service writes its snapshot then)
}
