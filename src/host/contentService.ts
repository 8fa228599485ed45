import * as path from 'node:path';
import * as vscode from 'vscode';
import { ContentIndex, classifyFile, type Catalog } from '../core/content/contentIndex';
import type { ContentDiagnostic } from '../core/diagnostics';
import { parseFrontMatter } from '../core/content/frontMatter';
import { escapeHtml, LessonRenderer } from '../core/render/lessonRenderer';
import { fsContentSource } from '../node/fsContentSource';
import type { RenderPart } from '../node/renderCheckProtocol';
import { RenderChecker, type RenderOutcome } from '../node/renderChecker';
import type { Logger } from './logger';
import { affectsSettings, settings } from './settings';
import { Disposable } from './util/dispose';

const DEBOUNCE_MS = 150;
/** Time a file's render check may take in the worker before it is stopped and reported (bundled lessons take ~30 ms). */
const RENDER_CHECK_BUDGET_MS = 2_000;
/** Lesson renders kept (a long lesson's is 200-400 KB of HTML). */
const RENDER_CACHE_SIZE = 8;

/**
 * Owns the content index for the bundled `content/` folder and the user's content roots: loads it,
 * watches the roots, re-indexes changed files (debounced), and publishes problems as diagnostics.
 */
export class ContentService extends Disposable {
  private readonly index = new ContentIndex(fsContentSource);
  private readonly diagnostics: vscode.DiagnosticCollection;
  private readonly _onDidChange = this._register(new vscode.EventEmitter<Catalog>());
  /** Fires after every (re)index with the new catalog. */
  readonly onDidChange = this._onDidChange.event;
  private watchers: vscode.Disposable[] = [];
  private pending = new Map<string, 'change' | 'delete'>();
  private timer?: ReturnType<typeof setTimeout>;
  private publishTimer?: ReturnType<typeof setTimeout>;
  private readonly checker: RenderChecker;
  /** A second worker for what panels show (lesson bodies, card faces), so they never wait behind queued checks. */
  private readonly panelRenderer: RenderChecker;
  /** Per file, the latest check asked for: the result of an older one (the file changed since) is dropped. */
  private readonly checkVersion = new Map<string, number>();
  private readonly renderCache = new Map<string, { markdown: string; firstLine: number; outcome: Promise<RenderOutcome | undefined> }>();
  /** Problems found by rendering, per file; recomputed for changed files only. */
  private readonly rendered = new Map<string, ContentDiagnostic[]>();
  private rootList: string[] = [];
  readonly renderer = new LessonRenderer();

  constructor(readonly bundledRoot: string, private readonly log: Logger) {
    super();
    this.diagnostics = this._register(vscode.languages.createDiagnosticCollection('mlLab'));
    this._register(vscode.workspace.onDidChangeConfiguration((e) => {
      if (affectsSettings(e, 'contentRoots')) this.reload();
    }));
    this._register(vscode.workspace.onDidGrantWorkspaceTrust(() => this.reload()));
    this._register(vscode.workspace.onDidChangeWorkspaceFolders(() => this.reload()));
    this._register({ dispose: () => this.disposeWatchers() });
    const workerFile = path.join(__dirname, 'renderCheckWorker.js');
    this.checker = new RenderChecker(workerFile, RENDER_CHECK_BUDGET_MS, (m) => this.log.warn(m));
    this.panelRenderer = new RenderChecker(workerFile, RENDER_CHECK_BUDGET_MS, (m) => this.log.warn(m));
    this._register({ dispose: () => { clearTimeout(this.timer); clearTimeout(this.publishTimer); this.checker.dispose(); this.panelRenderer.dispose(); } });
  }

  get catalog(): Catalog {
    return this.index.catalog;
  }

  roots(): string[] {
    return this.rootList;
  }

  /** Read the lesson's markdown body fresh from disk (lessons are not kept in memory). */
  readFile(file: string): string {
    return fsContentSource.readFile(file);
  }

  /** A lesson file's body (after its front matter) and the line it starts on, read fresh; throws when the file cannot be read. */
  lessonBody(file: string): { body: string; bodyLine: number } {
    const fm = parseFrontMatter(file, this.readFile(file), []);
    return { body: fm?.body ?? '', bodyLine: fm?.bodyLine ?? 1 };
  }

  /**
   * Render a lesson body for its panel in the render worker, under the same budget as the checks, so
   * a hostile lesson cannot block the host when it is opened. Without a worker (it failed to start),
   * it renders here: the size caps of the renderer still bound it.
   */
  async renderLesson(file: string, markdown: string, firstLine: number): Promise<RenderOutcome> {
    const c = this.catalog;
    const outcome = await this.cachedRender(file, markdown, firstLine, false);
    return outcome ?? { ok: true, rendered: this.renderer.render(markdown, { firstLine, lessonExists: (id) => c.lessons.has(id), repoExists: (id) => c.repos.has(id) }) };
  }

  /**
   * Render a lesson before it is opened (the next one in its track, while the learner reads), in the
   * panel worker behind anything a panel asks for; opening it then skips the render.
   */
  prefetchLesson(lessonId: string): void {
    const lesson = this.catalog.lessons.get(lessonId);
    if (!lesson || lesson.status !== 'published') return;
    let read: { body: string; bodyLine: number };
    try {
      read = this.lessonBody(lesson.file);
    } catch {
      return; // opening it will say why
    }
    void this.cachedRender(lesson.file, read.body, read.bodyLine, true);
  }

  /**
   * The worker's render of a lesson body, kept for the RENDER_CACHE_SIZE files rendered last with the
   * text they were rendered from (going back to a lesson, or on to one rendered ahead, skips the
   * worker). Emptied whenever the catalog changes: links render by which lessons and repositories exist.
   */
  private cachedRender(file: string, markdown: string, firstLine: number, background: boolean): Promise<RenderOutcome | undefined> {
    const hit = this.renderCache.get(file);
    if (hit && hit.markdown === markdown && hit.firstLine === firstLine) {
      this.renderCache.delete(file);
      this.renderCache.set(file, hit); // most recently used last
      return hit.outcome;
    }
    const outcome = this.panelRenderer.render(file, markdown, firstLine, background);
    this.renderCache.set(file, { markdown, firstLine, outcome });
    while (this.renderCache.size > RENDER_CACHE_SIZE) this.renderCache.delete(this.renderCache.keys().next().value!);
    // a render that failed or was cancelled is not kept: opening the lesson tries again
    void outcome.then((o) => {
      if ((!o || !o.ok) && this.renderCache.get(file)?.outcome === outcome) this.renderCache.delete(file);
    });
    return outcome;
  }

  /**
   * Render the parts of a card (front, back, trace steps) for the review panel in the panel worker,
   * under the same budget: a hostile card cannot block the host. A part that could not be rendered
   * shows why, in place; without a worker, it renders here (the renderer's size caps bound it).
   */
  async renderCard(file: string, parts: RenderPart[]): Promise<string[]> {
    const outcome = await this.panelRenderer.renderParts(file, parts);
    if (outcome?.ok) return outcome.html;
    if (outcome) {
      const why = `<p class="katex-error">This card could not be shown: ${escapeHtml(outcome.message)}. Open its deck to shorten it.</p>`;
      return parts.map(() => why);
    }
    const c = this.catalog;
    const opts = { lessonExists: (id: string) => c.lessons.has(id), repoExists: (id: string) => c.repos.has(id) };
    return parts.map((p) => (p.inline ? this.renderer.renderInline(p.markdown) : this.renderer.render(p.markdown, opts)).html);
  }

  /** Full scan of all roots; cheap enough (~ms) to run on activation and on setting changes. */
  reload(): void {
    const t0 = performance.now();
    this.rootList = [this.bundledRoot, ...this.userRoots()];
    this.index.loadRoots(this.rootList);
    this.rendered.clear();
    this.checker.cancelPending(); // every file is checked again below
    const catalog = this.index.catalog;
    this.log.info(`Indexed ${catalog.lessons.size} lessons, ${catalog.decks.size} decks, ${catalog.cards.size} cards from ${this.rootList.length} root(s) in ${(performance.now() - t0).toFixed(1)} ms`);
    this.watch();
    this.publish();
    this.scheduleRenderChecks([...catalog.byFile.keys()]);
    this.renderCache.clear();
    this._onDidChange.fire(catalog);
  }

  /** Content roots from the setting: relative ones resolve against each workspace folder, and only in a trusted workspace. */
  private userRoots(): string[] {
    const configured = settings().get<unknown>('contentRoots');
    const list = Array.isArray(configured) ? configured.filter((s): s is string => typeof s === 'string' && s.trim() !== '') : [];
    const roots: string[] = [];
    for (const entry of list) {
      if (path.isAbsolute(entry)) roots.push(path.normalize(entry));
      else if (!vscode.workspace.isTrusted) this.log.warn(`Skipping workspace content root "${entry}": the workspace is not trusted.`);
      else for (const folder of vscode.workspace.workspaceFolders ?? []) roots.push(path.join(folder.uri.fsPath, entry));
    }
    return [...new Set(roots)].filter((r) => r !== this.bundledRoot);
  }

  private watch(): void {
    this.disposeWatchers();
    for (const root of this.rootList) {
      const w = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(root), '**/*.{md,yaml,yml}'));
      const queue = (kind: 'change' | 'delete') => (uri: vscode.Uri) => {
        if (classifyFile(uri.fsPath) === 'ignored') return;
        this.pending.set(uri.fsPath, kind);
        clearTimeout(this.timer);
        this.timer = setTimeout(() => this.flush(), DEBOUNCE_MS);
      };
      this.watchers.push(w, w.onDidChange(queue('change')), w.onDidCreate(queue('change')), w.onDidDelete(queue('delete')));
    }
  }

  private disposeWatchers(): void {
    for (const w of this.watchers) w.dispose();
    this.watchers = [];
  }

  /** Apply queued file events: each changed file is re-parsed, nothing else is re-read. */
  private flush(): void {
    if (this._isDisposed || this.pending.size === 0) return;
    const events = [...this.pending];
    this.pending.clear();
    let changed = false;
    for (const [file, kind] of events) {
      const root = this.rootList.find((r) => file === r || file.startsWith(r + path.sep));
      if (!root) continue;
      if (kind === 'delete') changed = this.index.removeFile(file) || changed;
      else changed = this.index.updateFile(root, file) || changed;
      this.rendered.delete(file);
    }
    if (!changed) return;
    const catalog = this.index.catalog;
    this.publish();
    this.scheduleRenderChecks(events.map(([f]) => f));
    this.renderCache.clear();
    this._onDidChange.fire(catalog);
  }

  /**
   * Render-based checks (math, lesson links) run after the tree is up, in a worker thread, one file
   * at a time under a time budget: rendering is synchronous, and content may be hostile.
   */
  private scheduleRenderChecks(files: string[]): void {
    const catalog = this.index.catalog;
    this.checker.setCatalog([...catalog.lessons.keys()], [...catalog.repos.keys()]);
    this.panelRenderer.setCatalog([...catalog.lessons.keys()], [...catalog.repos.keys()]);
    this.panelRenderer.warmUp();
    for (const file of new Set(files)) {
      const entry = catalog.byFile.get(file);
      if (!entry) continue;
      const version = (this.checkVersion.get(file) ?? 0) + 1;
      this.checkVersion.set(file, version);
      void this.checker.check(file, { lesson: !!entry.lesson, deck: entry.deck }).then((diagnostics) => {
        if (!diagnostics || this.checkVersion.get(file) !== version || this._isDisposed) return;
        this.rendered.set(file, diagnostics);
        this.publishSoon();
      });
    }
  }

  /** Results arrive one file at a time; publishing all diagnostics after each would be quadratic. */
  private publishSoon(): void {
    if (this.publishTimer) return;
    this.publishTimer = setTimeout(() => {
      this.publishTimer = undefined;
      if (!this._isDisposed) this.publish();
    }, 100);
  }

  private publish(): void {
    const byFile = new Map<string, vscode.Diagnostic[]>();
    const all = [...this.index.catalog.diagnostics, ...[...this.rendered.values()].flat()];
    for (const d of all) {
      const range = new vscode.Range(d.line - 1, 0, d.line - 1, Number.MAX_SAFE_INTEGER);
      const diagnostic = new vscode.Diagnostic(range, d.message, d.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
      diagnostic.source = 'ML Learning Lab';
      diagnostic.code = d.code;
      const list = byFile.get(d.file) ?? [];
      list.push(diagnostic);
      byFile.set(d.file, list);
    }
    this.diagnostics.clear();
    this.diagnostics.set([...byFile].map(([file, list]) => [vscode.Uri.file(file), list]));
  }

  problemCount(): number {
    return this.index.catalog.diagnostics.filter((d) => d.severity === 'error').length
      + [...this.rendered.values()].reduce((n, l) => n + l.length, 0);
  }
}

