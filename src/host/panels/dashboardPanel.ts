import * as vscode from 'vscode';
import { computeDashboard, type DashboardData } from '../../core/stats/dashboard';
import { parseDashboardMessage, type DashboardFromWebview, type DashboardToWebview } from '../../shared/protocol/dashboard';
import type { ContentService } from '../contentService';
import type { Logger } from '../logger';
import type { ProgressStore } from '../progressStore';
import type { ReviewService } from '../reviewService';
import { Disposable } from '../util/dispose';
import { renderShell, webviewOptions } from './webviewHtml';

export const DASHBOARD_VIEW_TYPE = 'mlLab.dashboard';

/** Daily Practice: today's queue with its reasons, recall scores per roadmap and stage, statistics. */
export class DashboardPanelManager extends Disposable implements vscode.WebviewPanelSerializer {
  private panel?: vscode.WebviewPanel;
  private ready = false;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly content: ContentService,
    private readonly progress: ProgressStore,
    private readonly reviews: ReviewService,
    private readonly log: Logger,
  ) {
    super();
    this._register(vscode.window.registerWebviewPanelSerializer(DASHBOARD_VIEW_TYPE, this));
    const refresh = () => this.post();
    this._register(reviews.onDidChange(refresh));
    this._register(content.onDidChange(refresh));
    this._register(progress.onDidChange(refresh));
    this._register({ dispose: () => this.panel?.dispose() });
  }

  /** The data the dashboard shows, computed fresh (≈ one pass over all cards). */
  data(now = Date.now()): DashboardData {
    const store = this.reviews.store;
    const q = this.reviews.queue({ kind: 'all' }, {}, now);
    return computeDashboard({
      catalog: this.content.catalog,
      states: store.all(),
      curve: store.scheduler.curve,
      days: store.dayStats(),
      window: store.recentReviews(),
      isRead: (id) => this.progress.isRead(id),
      now,
      queue: q,
    });
  }

  show(): void {
    if (this.panel) {
      this.panel.reveal();
      return;
    }
    this.attach(vscode.window.createWebviewPanel(DASHBOARD_VIEW_TYPE, 'Daily Practice', vscode.ViewColumn.Active, webviewOptions(this.extensionUri)));
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel): Promise<void> {
    if (this.panel) {
      panel.dispose();
      return;
    }
    panel.webview.options = webviewOptions(this.extensionUri);
    this.attach(panel);
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    this.ready = false;
    panel.iconPath = {
      light: vscode.Uri.joinPath(this.extensionUri, 'media', 'icons', 'review-light.svg'),
      dark: vscode.Uri.joinPath(this.extensionUri, 'media', 'icons', 'review-dark.svg'),
    };
    const subs = [
      panel.onDidDispose(() => {
        this.panel = undefined;
        subs.forEach((d) => d.dispose());
      }),
      panel.onDidChangeViewState((e) => e.webviewPanel.visible && this.post()),
      panel.webview.onDidReceiveMessage((raw: unknown) => {
        const msg = parseDashboardMessage(raw);
        if (!msg) return this.log.warn('Ignored an invalid message from the dashboard webview');
        void this.handle(msg);
      }),
    ];
    panel.webview.html = renderShell(panel.webview, this.extensionUri, { title: 'Daily Practice', script: 'dashboard', styles: ['media/lesson.css', 'media/dashboard.css'] });
  }

  private async handle(msg: DashboardFromWebview): Promise<void> {
    switch (msg.type) {
      case 'ready':
        this.ready = true;
        this.post();
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

  private post(): void {
    if (!this.panel || !this.ready || !this.panel.visible) return;
    const t0 = performance.now();
    const data = this.data();
    const msg: DashboardToWebview = { type: 'didLoad', data, generatedMs: performance.now() - t0 };
    void this.panel.webview.postMessage(msg);
  }
}
