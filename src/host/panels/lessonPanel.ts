import * as vscode from 'vscode';
import type { Catalog } from '../../core/content/contentIndex';
import { httpUrlHost } from '../../core/content/fields';
import type { Source } from '../../core/types';
import {
  isLessonWebviewState, parseLessonMessage,
  type CodeRefStatus, type LessonFromWebview, type LessonLinkView, type LessonToWebview, type LessonView, type SourceView,
} from '../../shared/protocol/lesson';
import { parseCodeRef } from '../../core/sources/codeRef';
import type { CodeRefService } from '../codeRefService';
import { copyCode, openCodeInEditor } from '../lessonCode';
import type { ContentService } from '../contentService';
import type { Logger } from '../logger';
import type { ProgressStore } from '../progressStore';
import { CardPresenter } from '../cardPresenter';
import type { ReviewService } from '../reviewService';
import { describeInterval } from '../../core/review/scheduler';
import type { RecallAreaView, RecallCardView } from '../../shared/protocol/lesson';
import { Disposable } from '../util/dispose';
import { cardCount } from '../views/roadmapTreeProvider';
import { renderShell, webviewOptions } from './webviewHtml';
import { panelIcon, receiveMessages } from './webviewMessages';

export const LESSON_VIEW_TYPE = 'mlLab.lesson';

/**
 * Lesson panels, at most one per lesson; each re-renders when its file changes and restores after a
 * reload. As with VS Code's preview editors, the panel opened last is a preview: the next lesson
 * opened in its editor group replaces its lesson (no new webview to start, so it shows in a fraction
 * of the time), until the learner keeps it open (the pin in its title bar) or turns previews off
 * (`workbench.editor.enablePreview`).
 */
export class LessonPanelManager extends Disposable implements vscode.WebviewPanelSerializer {
  private readonly panels = new Map<string, LessonPanel>();
  private preview?: LessonPanel;
  private reviews?: ReviewService;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly content: ContentService,
    private readonly progress: ProgressStore,
    private readonly log: Logger,
    private readonly codeRefs: CodeRefService,
  ) {
    super();
    this._register(vscode.window.registerWebviewPanelSerializer(LESSON_VIEW_TYPE, this));
    this._register(codeRefs.onDidChangeCheckouts(() => this.panels.forEach((p) => void p.resolveCodeRefs())));
    this._register(content.onDidChange(() => this.panels.forEach((p) => p.refresh())));
    this._register(progress.onDidChange(() => this.panels.forEach((p) => p.notifyRead())));
    this._register({ dispose: () => this.panels.forEach((p) => p.dispose()) });
  }

  /**
   * Open (or reveal) a lesson, scrolled to `anchor` (a heading id) with `highlight` words marked in
   * that section (a search result). Planned lessons have no page: the user is told so instead.
   */
  open(lessonId: string, column: vscode.ViewColumn = vscode.ViewColumn.Active, anchor?: string, highlight?: string[]): boolean {
    const lesson = this.content.catalog.lessons.get(lessonId);
    if (!lesson) {
      void vscode.window.showWarningMessage(`ML Learning Lab: there is no lesson "${lessonId}".`);
      return false;
    }
    if (lesson.status === 'planned') {
      void vscode.window.showInformationMessage(`"${lesson.title}" is planned and not written yet. ${lesson.summary}`);
      return false;
    }
    const existing = this.panels.get(lessonId);
    if (existing) {
      existing.reveal(anchor, highlight);
      return true;
    }
    const preview = this.preview;
    const previews = vscode.workspace.getConfiguration('workbench.editor').get<boolean>('enablePreview', true);
    if (preview && previews && preview.column === targetColumn(column)) {
      this.panels.delete(preview.id);
      this.panels.set(lessonId, preview);
      void this.progress.markStarted(lessonId);
      preview.navigate(lessonId, anchor, highlight);
      return true;
    }
    const panel = vscode.window.createWebviewPanel(LESSON_VIEW_TYPE, lesson.title, column, webviewOptions(this.extensionUri));
    const opened = this.attach(lessonId, panel, anchor, highlight);
    this.setPreview(previews ? opened : undefined);
    return true;
  }

  /** Keep the preview panel (the active lesson's, or else the one there is) open: the next lesson gets its own. */
  keepOpen(): void {
    this.setPreview(undefined);
  }

  private setPreview(panel: LessonPanel | undefined): void {
    this.preview = panel;
    this.updatePreviewContext();
  }

  /** `mlLab.lessonPreviewActive`: the active editor is the preview lesson panel (shows the pin that keeps it). */
  private updatePreviewContext(): void {
    void vscode.commands.executeCommand('setContext', 'mlLab.lessonPreviewActive', !!this.preview?.active);
  }

  /** The review store arrives after the tree is shown (activation order); review areas need it. */
  setReviews(reviews: ReviewService): void {
    this.reviews = reviews;
    this.panels.forEach((p) => p.refresh());
  }

  activeLessonId(): string | undefined {
    for (const [id, p] of this.panels) if (p.active) return id;
    return undefined;
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    if (!isLessonWebviewState(state) || !this.content.catalog.lessons.has(state.lessonId) || this.panels.has(state.lessonId)) {
      panel.dispose();
      return;
    }
    panel.webview.options = webviewOptions(this.extensionUri);
    this.attach(state.lessonId, panel);
  }

  private attach(lessonId: string, panel: vscode.WebviewPanel, anchor?: string, highlight?: string[]): LessonPanel {
    // opening a lesson "starts" it: its cards may now be introduced as new cards
    void this.progress.markStarted(lessonId);
    const lp = new LessonPanel(lessonId, panel, this.extensionUri, this.content, this.progress, this.log, this.codeRefs, (id, a) => this.open(id, panel.viewColumn ?? vscode.ViewColumn.Active, a), () => this.reviews, anchor, highlight);
    this.panels.set(lessonId, lp);
    const viewState = panel.onDidChangeViewState(() => this.updatePreviewContext());
    lp.onDidDispose(() => {
      viewState.dispose();
      if (this.panels.get(lp.id) === lp) this.panels.delete(lp.id);
      if (this.preview === lp) this.setPreview(undefined);
    });
    return lp;
  }
}

/** The editor group a panel opened in `column` lands in (Beside: the group to the right of the active one). */
function targetColumn(column: vscode.ViewColumn): vscode.ViewColumn {
  const active = vscode.window.tabGroups.activeTabGroup.viewColumn;
  if (column === vscode.ViewColumn.Active) return active;
  if (column === vscode.ViewColumn.Beside) return active + 1;
  return column;
}

class LessonPanel extends Disposable {
  private readonly _onDidDispose = this._register(new vscode.EventEmitter<void>());
  readonly onDidDispose = this._onDidDispose.event;
  private ready = false;
  /** The first render, started with the panel; and the view the page shows now (not sent twice). */
  private early?: Promise<LessonView | undefined>;
  private shown?: string;
  private presenter?: CardPresenter;
  /** The cards of this lesson's review areas: the only cards its messages may reveal, rate or undo. */
  private recallCards = new Set<string>();

  constructor(
    private lessonId: string,
    private readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    private readonly content: ContentService,
    private readonly progress: ProgressStore,
    private readonly log: Logger,
    private readonly codeRefs: CodeRefService,
    private readonly openLesson: (id: string, anchor?: string) => void,
    private readonly reviews: () => ReviewService | undefined,
    private pendingAnchor?: string,
    private pendingHighlight?: string[],
  ) {
    super();
    panel.iconPath = panelIcon(extensionUri, 'lesson');
    this._register(panel.onDidDispose(() => {
      this._onDidDispose.fire();
      this.dispose();
    }));
    this._register(receiveMessages(panel.webview, 'lesson', parseLessonMessage, (msg) => this.handle(msg), log,
      (message) => this.post({ type: 'didFail', message })));
    // render while the webview boots, so the lesson is ready when the page asks for it
    this.early = this.buildView();
    panel.webview.html = renderShell(panel.webview, extensionUri, {
      title: panel.title,
      script: 'lesson',
      styles: ['dist/webview/katex/katex.min.css', 'media/lesson.css', 'media/card.css', 'media/explore.css', 'media/codeBlocks.css'],
      data: { mermaid: panel.webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'mermaid.js')).toString() },
    });
  }

  get active(): boolean {
    return this.panel.active;
  }

  get id(): string {
    return this.lessonId;
  }

  get column(): vscode.ViewColumn | undefined {
    return this.panel.viewColumn;
  }

  /** Show another lesson in this panel (a preview's next lesson): the page is redrawn when its view arrives. */
  navigate(lessonId: string, anchor?: string, highlight?: string[]): void {
    this.lessonId = lessonId;
    this.pendingAnchor = anchor;
    this.pendingHighlight = highlight;
    this.early = undefined; // the first render, if still pending, was of the lesson before
    this.recallCards = new Set();
    this.panel.reveal();
    this.refresh();
  }

  reveal(anchor?: string, highlight?: string[]): void {
    this.panel.reveal();
    if (anchor || highlight) {
      this.pendingAnchor = anchor;
      this.pendingHighlight = highlight;
      this.refresh();
    }
  }

  refresh(): void {
    void this.load();
  }

  /** Latest load asked for: a slower earlier one (the lesson changed meanwhile) must not overwrite it. */
  private loads = 0;
  private recallSent = false;

  /**
   * The lesson's review areas with the state of each card: open when new or due (its face ready, so
   * the page shows the next card of an area without asking), else remembered until its next review.
   * Returns whether the areas were sent (the review store may not be there yet).
   */
  private async loadRecall(load: number): Promise<boolean> {
    const reviews = this.reviews();
    const areas = this.content.catalog.recallAreas.get(this.lessonId) ?? [];
    this.recallCards = new Set(areas.flatMap((a) => a.cardIds));
    if (!areas.length) return true;
    if (!reviews) return false;
    this.presenter ??= new CardPresenter(this.content, reviews);
    const presenter = this.presenter;
    const now = Date.now();
    const view = async (id: string): Promise<RecallCardView | undefined> => {
      const card = this.content.catalog.cards.get(id);
      if (!card) return undefined;
      const st = reviews.store.get(id);
      const open = !st || st.state === 0 || st.due <= now;
      return { id, state: open ? 'open' : 'later', card: await presenter.view(card), next: open ? undefined : describeInterval(st.due - now) };
    };
    const out: RecallAreaView[] = await Promise.all(areas.map(async (a) => ({
      line: a.line,
      cards: (await Promise.all(a.cardIds.map(view))).filter((c): c is RecallCardView => !!c),
    })));
    if (load !== this.loads || this._isDisposed) return false;
    this.post({ type: 'didLoadRecall', areas: out });
    return true;
  }

  private async recall(msg: Extract<LessonFromWebview, { type: 'recallReveal' | 'recallRate' | 'recallUndo' }>): Promise<void> {
    const reviews = this.reviews();
    const card = this.recallCards.has(msg.cardId) ? this.content.catalog.cards.get(msg.cardId) : undefined;
    if (!reviews || !card || !this.presenter) return;
    const store = reviews.store;
    try {
      switch (msg.type) {
        case 'recallReveal':
          this.post({ type: 'didRevealRecall', cardId: card.id, reveal: await this.presenter.reveal(card, msg.answer, msg.order) });
          return;
        case 'recallRate': {
          // a real review, into the same log and state as the review panel's; answering in the text
          // is how a lesson's cards start, so the daily new-card limit does not apply here
          const now = Date.now();
          const next = store.rate(card.id, msg.rating, now);
          reviews.changed();
          this.post({ type: 'didRateRecall', cardId: card.id, rating: msg.rating, next: describeInterval(next.due - now), canUndo: store.lastUndoable() === card.id });
          return;
        }
        case 'recallUndo':
          if (store.lastUndoable() !== card.id) return;
          store.undo(Date.now());
          reviews.changed();
          this.post({ type: 'didUndoRecall', cardId: card.id, card: await this.presenter.view(card) });
          return;
      }
    } catch (e) {
      this.log.error(e instanceof Error ? e : new Error(String(e)));
      void vscode.window.showErrorMessage(`ML Learning Lab: the review could not be recorded: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private async load(): Promise<void> {
    if (!this.ready || this._isDisposed) return;
    const load = ++this.loads;
    const early = this.early;
    this.early = undefined;
    const view = await (early ?? this.buildView());
    if (view && load === this.loads && !this._isDisposed) {
      // a view the page already shows is not sent again (a rebuild would redraw every diagram)
      const key = viewKey(view);
      if (key !== this.shown || !this.recallSent) {
        this.shown = key;
        this.post({ type: 'didLoadLesson', lesson: view });
        // a redrawn page has empty review areas: fill them
        this.recallSent = await this.loadRecall(load);
        // the lesson a reader most likely opens next: rendered while this one is read
        if (view.next?.status === 'published') this.content.prefetchLesson(view.next.id);
      }
      void this.resolveCodeRefs();
    }
  }

  /** Tell the webview which code references resolve here, so a broken one shows why instead of being a dead click. */
  async resolveCodeRefs(): Promise<void> {
    const lesson = this.content.catalog.lessons.get(this.lessonId);
    if (!this.ready || !lesson?.codeRefs.length) return;
    const statuses: Record<string, CodeRefStatus> = {};
    for (const use of lesson.codeRefs) {
      if (statuses[use.url]) continue;
      const res = await this.codeRefs.resolve(use.ref);
      statuses[use.url] = res.kind === 'found' ? { state: 'ok' } : res.kind === 'no-checkout' ? { state: 'no-checkout' } : { state: 'missing', why: res.why };
    }
    this.post({ type: 'didResolveCodeRefs', statuses });
  }

  notifyRead(): void {
    if (this.ready) this.post({ type: 'didChangeRead', read: this.progress.isRead(this.lessonId) });
  }

  private async handle(msg: LessonFromWebview): Promise<void> {
    switch (msg.type) {
      case 'ready':
        this.ready = true;
        this.shown = undefined; // a webview that (re)loads shows nothing yet
        this.recallSent = false;
        this.refresh();
        return;
      case 'openLesson':
        if (msg.lessonId === this.lessonId) return;
        this.openLesson(msg.lessonId, msg.anchor);
        return;
      case 'openExternal':
        await vscode.env.openExternal(vscode.Uri.parse(msg.url, true));
        return;
      case 'setRead':
        if (msg.lessonId === this.lessonId) await this.progress.setRead(this.lessonId, msg.read);
        return;
      case 'saveScroll':
        if (msg.lessonId === this.lessonId) await this.progress.setScroll(this.lessonId, msg.fraction);
        return;
      case 'openCodeRef': {
        const ref = parseCodeRef(msg.url);
        if (ref) await this.codeRefs.open(ref, this.panel.viewColumn);
        return;
      }
      case 'reviewLesson':
        await vscode.commands.executeCommand('mlLab.reviewScope', { kind: 'lesson', id: this.lessonId });
        return;
      case 'recallReveal':
      case 'recallRate':
      case 'recallUndo':
        await this.recall(msg);
        return;
      case 'reportError':
        this.log.error(`Lesson webview: ${msg.message}`);
        return;
      case 'openAsNotebook':
        await vscode.commands.executeCommand('mlLab.openAsNotebook', this.lessonId);
        return;
      case 'openCode':
        await openCodeInEditor(msg.code, msg.language);
        return;
      case 'copyCode':
        this.post({ type: 'didCopyCode', ok: await copyCode(msg.code, this.log) });
        return;
      default: {
        const never: never = msg;
        return never;
      }
    }
  }

  private async buildView(): Promise<LessonView | undefined> {
    const c = this.content.catalog;
    const lesson = c.lessons.get(this.lessonId);
    if (!lesson) {
      this.post({ type: 'didFail', message: `The lesson "${this.lessonId}" is no longer in the content.` });
      return undefined;
    }
    this.panel.title = lesson.title;
    let read: { body: string; bodyLine: number };
    try {
      read = this.content.lessonBody(lesson.file);
    } catch (e) {
      this.post({ type: 'didFail', message: `Cannot read ${lesson.file}: ${(e as Error).message}` });
      return undefined;
    }
    // rendered in the worker: a hostile lesson runs into the budget there instead of blocking the host
    const outcome = await this.content.renderLesson(lesson.file, read.body, read.bodyLine);
    if (!outcome.ok) {
      this.post({ type: 'didFail', message: `Cannot show ${lesson.file}:${outcome.line}: ${outcome.message}` });
      return undefined;
    }
    const { rendered } = outcome;
    const stage = c.stages.get(lesson.stage);
    const track = c.tracks.find((t) => t.id === lesson.track);
    const { prev, next } = neighbours(c, lesson.id);
    const anchor = this.pendingAnchor;
    const highlight = this.pendingHighlight;
    this.pendingAnchor = undefined;
    this.pendingHighlight = undefined;
    return {
      id: lesson.id,
      title: lesson.title,
      trackTitle: track?.title ?? lesson.track,
      stageTitle: stage?.title ?? lesson.stage,
      summary: lesson.summary,
      minutes: lesson.minutes,
      tags: lesson.tags,
      cardCount: cardCount(c, lesson.id),
      html: rendered.html,
      outline: rendered.outline,
      hasMermaid: rendered.hasMermaid,
      prerequisites: lesson.prerequisites.map((id) => this.link(c, id)),
      sources: lesson.sources.map(sourceView),
      prev: prev ? this.link(c, prev) : undefined,
      next: next ? this.link(c, next) : undefined,
      read: this.progress.isRead(lesson.id),
      scroll: anchor ? 0 : this.progress.scroll(lesson.id),
      anchor,
      highlight,
      plannedLinks: [...new Set(rendered.lessonLinks)].filter((id) => c.lessons.get(id)?.status === 'planned'),
    };
  }

  private link(c: Catalog, id: string): LessonLinkView {
    const l = c.lessons.get(id);
    return { id, title: l?.title ?? id, status: l?.status ?? 'planned', read: this.progress.isRead(id) };
  }

  private post(msg: LessonToWebview): void {
    if (!this._isDisposed) void this.panel.webview.postMessage(msg);
  }
}

/** Previous and next published lessons in the track's recommended order. */
export function neighbours(c: Catalog, lessonId: string): { prev?: string; next?: string } {
  const lesson = c.lessons.get(lessonId);
  const order = c.lessonOrder.filter((id) => {
    const l = c.lessons.get(id);
    return l?.status === 'published' && l.track === lesson?.track;
  });
  const i = order.indexOf(lessonId);
  if (i === -1) return {};
  return { prev: order[i - 1], next: order[i + 1] };
}

function sourceView(s: Source): SourceView {
  switch (s.kind) {
    case 'paper':
      return { title: s.title, detail: [s.authors, s.year, `arXiv:${s.arxiv}`].filter(Boolean).join(' · '), url: `https://arxiv.org/abs/${s.arxiv}` };
    case 'web':
      return { title: s.title, detail: [s.authors, s.year, httpUrlHost(s.url) ?? s.url].filter(Boolean).join(' · '), url: s.url };
    case 'repo':
      return { title: s.title, detail: `${s.repo}: ${s.path}${s.symbol ? ` (${s.symbol})` : ''}${s.commit ? ` @ ${s.commit.slice(0, 7)}` : ''}` };
  }
}

/** What decides whether the page must be redrawn: the view without the scroll position it opened at. */
function viewKey(view: LessonView): string {
  return JSON.stringify({ ...view, scroll: 0 });
}
