import * as path from 'node:path';
import * as vscode from 'vscode';
import { ReviewSession } from '../../core/review/session';
import { scopeLabel, type ReviewScope } from '../../core/review/scope';
import type { Card } from '../../core/types';
import { parseReviewMessage, type CardView, type ReviewFromWebview, type ReviewToWebview, type SummaryView } from '../../shared/protocol/review';
import { CardPresenter } from '../cardPresenter';
import { parseCodeRef } from '../../core/sources/codeRef';
import type { CodeRefService } from '../codeRefService';
import type { ContentService } from '../contentService';
import type { Logger } from '../logger';
import type { ReviewService } from '../reviewService';
import { Disposable } from '../util/dispose';
import { renderShell, webviewOptions } from './webviewHtml';
import { panelIcon, receiveMessages } from './webviewMessages';

export const REVIEW_VIEW_TYPE = 'mlLab.review';

export interface StartOptions {
  scope: ReviewScope;
  includeNew?: boolean;
  includeDue?: boolean;
}

/** The single review panel: runs one session at a time; the host owns the session, the webview shows it. */
export class ReviewPanelManager extends Disposable implements vscode.WebviewPanelSerializer {
  private panel?: ReviewPanel;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly content: ContentService,
    private readonly reviews: ReviewService,
    private readonly codeRefs: CodeRefService,
    private readonly log: Logger,
  ) {
    super();
    this._register(vscode.window.registerWebviewPanelSerializer(REVIEW_VIEW_TYPE, this));
    this._register({ dispose: () => this.panel?.dispose() });
  }

  start(options: StartOptions): void {
    if (this.panel) {
      this.panel.restart(options);
      return;
    }
    const panel = vscode.window.createWebviewPanel(REVIEW_VIEW_TYPE, 'Review', vscode.ViewColumn.Active, webviewOptions(this.extensionUri));
    this.attach(panel, options);
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel): Promise<void> {
    // the host owns session truth (ratings are already in the log): a restored panel starts a fresh session of today's queue
    const scope: ReviewScope = { kind: 'all' };
    if (this.panel) {
      panel.dispose();
      return;
    }
    panel.webview.options = webviewOptions(this.extensionUri);
    this.attach(panel, { scope });
  }

  private attach(panel: vscode.WebviewPanel, options: StartOptions): void {
    this.panel = new ReviewPanel(panel, this.extensionUri, this.content, this.reviews, this.codeRefs, this.log, options);
    this.panel.onDidDispose(() => (this.panel = undefined));
  }
}

class ReviewPanel extends Disposable {
  private readonly _onDidDispose = this._register(new vscode.EventEmitter<void>());
  readonly onDidDispose = this._onDidDispose.event;
  private session!: ReviewSession;
  private scope!: ReviewScope;
  private ready = false;
  private emptyReason?: string;
  private readonly presenter: CardPresenter;
  /** The view of the card announced as next (the webview shows it on a rating, before the host answers). */
  private upcoming?: CardView;
  /** Counts showCurrent calls, so a slower render of an older card never replaces a newer one. */
  private showSeq = 0;

  constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    private readonly content: ContentService,
    private readonly reviews: ReviewService,
    private readonly codeRefs: CodeRefService,
    private readonly log: Logger,
    options: StartOptions,
  ) {
    super();
    this.presenter = new CardPresenter(content, reviews);
    panel.iconPath = panelIcon(extensionUri, 'review');
    this._register(panel.onDidDispose(() => {
      this._onDidDispose.fire();
      this.dispose();
    }));
    this._register(receiveMessages(panel.webview, 'review', parseReviewMessage, (msg) => this.handle(msg), log,
      (message) => this.post({ type: 'didFail', message })));
    this.begin(options);
    panel.webview.html = renderShell(panel.webview, extensionUri, {
      title: 'Review',
      script: 'review',
      styles: ['dist/webview/katex/katex.min.css', 'media/lesson.css', 'media/card.css', 'media/review.css'],
    });
  }

  restart(options: StartOptions): void {
    this.panel.reveal();
    this.begin(options);
    if (this.ready) void this.showCurrent();
  }

  private begin(options: StartOptions): void {
    this.scope = options.scope;
    const q = this.reviews.queue(options.scope, { includeNew: options.includeNew, includeDue: options.includeDue });
    this.session = new ReviewSession(q.ordered, this.reviews.store, () => Date.now());
    this.panel.title = `Review: ${scopeLabel(this.content.catalog, options.scope)}`;
    this.emptyReason = q.ordered.length ? undefined : q.emptyReason();
    this.upcoming = undefined;
  }

  private handle(msg: ReviewFromWebview): void {
    const current = this.session.current;
    switch (msg.type) {
      case 'ready':
        this.ready = true;
        void this.showCurrent();
        return;
      case 'reveal':
        if (msg.cardId !== current) return;
        this.session.reveal();
        void this.reveal(current, msg.answer, msg.order);
        return;
      case 'rate':
        if (msg.cardId !== current || !this.session.isRevealed) return;
        this.session.rate(msg.rating);
        this.reviews.changed();
        void this.showCurrent();
        return;
      case 'undo':
        if (this.session.undo()) {
          this.reviews.changed();
          this.upcoming = undefined;
          void this.showCurrent();
        }
        return;
      case 'skip':
        if (msg.cardId !== current) return;
        this.session.skip();
        this.reviews.changed();
        this.upcoming = undefined;
        void this.showCurrent();
        return;
      case 'openSource': {
        const card = this.content.catalog.cards.get(msg.cardId);
        if (card) void this.openCardSource(card);
        return;
      }
      case 'end': {
        // Esc mid-session: show what was done (and what is left) before closing
        const s = this.session.summary();
        if (!current || (s.reviewed === 0 && s.skipped === 0)) return this.panel.dispose();
        const p = this.session.progress();
        this.post({ type: 'didFinish', summary: { ...s, endedEarly: true, left: p.total - p.position + 1 + p.returning } });
        return;
      }
      case 'close':
        this.panel.dispose();
        return;
      case 'openCodeRef': {
        // only references the current card really contains may be opened
        const card = current ? this.content.catalog.cards.get(current) : undefined;
        const ref = card?.codeRefs.some((u) => u.url === msg.url) ? parseCodeRef(msg.url) : undefined;
        if (ref) void this.codeRefs.open(ref, this.panel.viewColumn);
        return;
      }
      case 'reportError':
        this.log.error(`Review webview: ${msg.message}`);
        return;
      default: {
        const never: never = msg;
        return never;
      }
    }
  }

  /**
   * The card's place in its deck, beside the review, which keeps the focus. A bundled deck lives in
   * the installed extension, where edits are lost on the next update: it opens read-only, and says so.
   */
  private async openCardSource(card: Card): Promise<void> {
    const uri = vscode.Uri.file(card.file);
    const bundled = !path.relative(this.extensionUri.fsPath, card.file).startsWith('..');
    await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.Beside, selection: new vscode.Range(card.line - 1, 0, card.line - 1, 0), preview: true, preserveFocus: !bundled });
    if (bundled) {
      await vscode.commands.executeCommand('workbench.action.files.setActiveEditorReadonlyInSession');
      this.panel.reveal(this.panel.viewColumn, false); // back to the review
      void vscode.window.setStatusBarMessage(`$(lock) ${path.basename(card.file)} is bundled with the extension and opened read-only: copy the deck into a content root of yours to change it.`, 10000);
    }
  }

  /**
   * Show the session's current card, then announce the next one. Faces render in the panel worker,
   * so a newer call (a fast rating, an undo) may overtake this one: only the newest posts. A card
   * the webview already shows from the announcement keeps its view (its key), so nothing redraws.
   */
  private async showCurrent(): Promise<void> {
    const seq = ++this.showSeq;
    const id = this.session.current;
    if (!id) {
      const s = this.session.summary();
      const summary: SummaryView = { ...s, emptyReason: s.reviewed === 0 && s.skipped === 0 ? this.emptyReason : undefined };
      this.post({ type: 'didFinish', summary });
      return;
    }
    const card = this.content.catalog.cards.get(id);
    if (!card) {
      // the card left the content mid-session: its history is kept; move on
      this.session.skip();
      return this.showCurrent();
    }
    const announced = this.upcoming?.id === id ? this.upcoming : undefined;
    this.upcoming = undefined;
    const view = announced ?? await this.presenter.view(card);
    const current = () => seq === this.showSeq && !this._isDisposed && this.session.current === id;
    if (!current()) return;
    const progress = () => ({ ...this.session.progress(), canUndo: this.reviews.store.canUndo(), scope: scopeLabel(this.content.catalog, this.scope) });
    this.post({ type: 'didShowCard', card: view, progress: progress() });
    const peek = this.session.peekNext();
    const nextCard = peek && peek.id !== id ? this.content.catalog.cards.get(peek.id) : undefined;
    if (!nextCard || !peek) return;
    const next = await this.presenter.view(nextCard);
    if (!current()) return;
    this.upcoming = next;
    this.post({ type: 'didShowCard', card: view, progress: progress(), next: { card: next, repeat: peek.repeat } });
  }

  private async reveal(cardId: string, answer?: string, order?: string[]): Promise<void> {
    const seq = this.showSeq;
    const card = this.content.catalog.cards.get(cardId);
    if (!card) return;
    const reveal = await this.presenter.reveal(card, answer, order);
    if (seq === this.showSeq && !this._isDisposed && this.session.current === cardId) this.post({ type: 'didReveal', cardId, reveal });
  }

  private post(msg: ReviewToWebview): void {
    if (!this._isDisposed) void this.panel.webview.postMessage(msg);
  }
}
