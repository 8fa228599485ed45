import { todayAction } from '../../core/stats/todayAction';
import type { DashboardToWebview } from '../../shared/protocol/dashboard';
import * as vscode from 'vscode';
import { parseDashboardMessage } from '../../shared/protocol/dashboard';
import type { ContentService } from '../contentService';
import type { Logger } from '../logger';
import type { DashboardPanelManager } from '../panels/dashboardPanel';
import { renderShell, webviewOptions } from '../panels/webviewHtml';
import type { ProgressStore } from '../progressStore';
import type { ReviewService } from '../reviewService';
import { Disposable } from '../util/dispose';

/** "Today" at the top of the ML Learning Lab side bar: the day's queue and the recall score per roadmap, one click from practice. */
export class TodayViewProvider extends Disposable implements vscode.WebviewViewProvider {
  private view?: vscode.WebviewView;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly dashboard: DashboardPanelManager,
    content: ContentService,
    progress: ProgressStore,
    reviews: ReviewService,
    private readonly log: Logger,
  ) {
    super();
    const refresh = () => this.post();
    this._register(content.onDidChange(refresh));
    this._register(progress.onDidChange(refresh));
    this._register(reviews.onDidChange(refresh));
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    view.webview.options = webviewOptions(this.extensionUri);
    view.webview.html = renderShell(view.webview, this.extensionUri, { title: 'Today', script: 'today', styles: ['media/lesson.css', 'media/today.css'] });
    const subs = [
      view.webview.onDidReceiveMessage((raw: unknown) => {
        const msg = parseDashboardMessage(raw);
        if (!msg) return this.log.warn('Ignored an invalid message from the Today view');
        switch (msg.type) {
          case 'ready': return this.post();
          case 'startPractice': return void vscode.commands.executeCommand('mlLab.reviewDue');
          case 'learnNew': return void vscode.commands.executeCommand('mlLab.learnNew');
          case 'showRoadmap': return void vscode.commands.executeCommand('mlLab.dailyPractice');
          case 'openLesson': return void vscode.commands.executeCommand('mlLab.openLesson', msg.lessonId);
          case 'reportError': return this.log.error(`Today view: ${msg.message}`);
        }
      }),
      view.onDidChangeVisibility(() => view.visible && this.post()),
      view.onDidDispose(() => {
        this.view = undefined;
        subs.forEach((d) => d.dispose());
      }),
    ];
  }

  private post(): void {
    if (!this.view?.visible) return;
    const data = this.dashboard.data();
    const msg: DashboardToWebview = { type: 'didLoad', data, generatedMs: 0, today: todayAction(data) };
    void this.view.webview.postMessage(msg);
  }
}
