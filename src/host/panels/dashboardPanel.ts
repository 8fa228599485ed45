import * as vscode from 'vscode';
import { cardsInDeckOrder, computeDashboard, type DashboardData } from '../../core/stats/dashboard';
import { parseDashboardMessage, type DashboardFromWebview, type DashboardToWebview } from '../../shared/protocol/dashboard';
import type { ContentService } from '../contentService';
import type { Logger } from '../logger';
import type { ProgressStore } from '../progressStore';
import type { ReviewService } from '../reviewService';
import { SingletonPanel } from './singletonPanel';

/** Daily Practice: today's queue with its reasons, recall scores per roadmap and stage, statistics. */
export class DashboardPanelManager extends SingletonPanel<DashboardFromWebview> {
  constructor(
    extensionUri: vscode.Uri,
    private readonly content: ContentService,
    private readonly progress: ProgressStore,
    private readonly reviews: ReviewService,
    log: Logger,
  ) {
    super(extensionUri, log, { viewType: 'mlLab.dashboard', title: 'Daily Practice', script: 'dashboard', styles: ['media/lesson.css', 'media/dashboard.css'] }, [
      reviews.onDidChange, content.onDidChange, progress.onDidChange,
    ]);
  }

  /** The data the dashboard shows, computed fresh (one pass over all cards; see docs/scoring.md). */
  data(now = Date.now()): DashboardData {
    const store = this.reviews.store;
    const catalog = this.content.catalog;
    return computeDashboard({
      catalog,
      states: store.all(),
      columns: store.columnsFor(cardsInDeckOrder(catalog)),
      curve: store.scheduler.curve,
      days: store.dayStats(),
      window: store.recentReviews(),
      isRead: (id) => this.progress.isRead(id),
      now,
      queue: this.reviews.queue({ kind: 'all' }, {}, now),
    });
  }

  protected parse(raw: unknown): DashboardFromWebview | undefined {
    return parseDashboardMessage(raw);
  }

  protected snapshot(): DashboardToWebview {
    const t0 = performance.now();
    const data = this.data();
    return { type: 'didLoad', data, generatedMs: performance.now() - t0 };
  }

  protected async handle(msg: DashboardFromWebview): Promise<void> {
    switch (msg.type) {
      case 'ready':
        return;
      case 'startPractice':
        await vscode.commands.executeCommand('mlLab.reviewDue');
        return;
      case 'learnNew':
        await vscode.commands.executeCommand('mlLab.learnNew');
        return;
      case 'openLesson':
        await vscode.commands.executeCommand('mlLab.openLesson', msg.lessonId);
        return;
      case 'showRoadmap':
        await vscode.commands.executeCommand('mlLab.showRoadmap');
        return;
      case 'reportError':
        this.log.error(`Dashboard webview: ${msg.message}`);
        return;
      default: {
        const never: never = msg;
        return never;
      }
    }
  }
}
