import * as vscode from 'vscode';
import { layoutTrack, type TrackLayout } from '../../core/roadmap/layout';
import { parseMapMessage, type MapLessonState, type MapToWebview } from '../../shared/protocol/map';
import type { ContentService } from '../contentService';
import type { Logger } from '../logger';
import type { ProgressStore } from '../progressStore';
import type { ReviewService } from '../reviewService';
import { Disposable } from '../util/dispose';
import { renderShell, webviewOptions } from './webviewHtml';

export const MAP_VIEW_TYPE = 'mlLab.map';
const DAY = 86_400_000;

/** The visual roadmap: stages as columns, lessons as nodes coloured by recall, prerequisite edges. */
export class MapPanelManager extends Disposable implements vscode.WebviewPanelSerializer {
  private panel?: vscode.WebviewPanel;
  private ready = false;
  private focusTrack?: string;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly content: ContentService,
    private readonly progress: ProgressStore,
    private readonly reviews: ReviewService,
    private readonly log: Logger,
  ) {
    super();
    this._register(vscode.window.registerWebviewPanelSerializer(MAP_VIEW_TYPE, this));
    const refresh = () => this.post();
    this._register(content.onDidChange(refresh));
    this._register(progress.onDidChange(refresh));
    this._register(reviews.onDidChange(refresh));
    this._register({ dispose: () => this.panel?.dispose() });
  }

  show(trackId?: string): void {
    this.focusTrack = trackId;
    if (this.panel) {
      this.panel.reveal();
      this.post();
      return;
    }
    this.attach(vscode.window.createWebviewPanel(MAP_VIEW_TYPE, 'Roadmap', vscode.ViewColumn.Active, webviewOptions(this.extensionUri)));
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel): Promise<void> {
    if (this.panel) return panel.dispose();
    panel.webview.options = webviewOptions(this.extensionUri);
    this.attach(panel);
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    this.ready = false;
    const subs = [
      panel.onDidDispose(() => {
        this.panel = undefined;
        subs.forEach((d) => d.dispose());
      }),
      panel.onDidChangeViewState((e) => e.webviewPanel.visible && this.post()),
      panel.webview.onDidReceiveMessage((raw: unknown) => {
        const msg = parseMapMessage(raw);
        if (!msg) return this.log.warn('Ignored an invalid message from the roadmap webview');
        if (msg.type === 'ready') {
          this.ready = true;
          this.post();
        } else if (msg.type === 'openLesson') {
          void vscode.commands.executeCommand('mlLab.openLesson', msg.lessonId);
        } else {
          this.log.error(`Roadmap webview: ${msg.message}`);
        }
      }),
    ];
    panel.webview.html = renderShell(panel.webview, this.extensionUri, { title: 'Roadmap', script: 'map', styles: ['media/lesson.css', 'media/map.css'] });
  }

  private post(): void {
    if (!this.panel || !this.ready || !this.panel.visible) return;
    const c = this.content.catalog;
    const now = Date.now();
    const store = this.reviews.store;
    const tracks = c.tracks.map((t) => layoutTrack(c, t.id)).filter((t): t is TrackLayout => !!t);
    const lessons: Record<string, MapLessonState> = {};
    for (const id of c.lessons.keys()) {
      const cards = (c.decksByLesson.get(id) ?? []).flatMap((d) => d.cards);
      let r = 0;
      let r7 = 0;
      for (const card of cards) {
        const s = store.get(card.id);
        r += store.scheduler.retrievability(s, now);
        r7 += store.scheduler.retrievability(s, now + 7 * DAY);
      }
      lessons[id] = { read: this.progress.isRead(id), cards: cards.length, recall: cards.length ? r / cards.length : undefined, recall7: cards.length ? r7 / cards.length : undefined };
    }
    const msg: MapToWebview = { type: 'didLoad', tracks, lessons, focusTrack: this.focusTrack };
    this.focusTrack = undefined;
    void this.panel.webview.postMessage(msg);
  }
}
