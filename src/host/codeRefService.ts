import { existsSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CodeRef } from '../core/sources/codeRef';
import { findSymbol } from '../core/sources/symbolSearch';
import { normalizeRemote, repoRemotes, webUrl, type SourceRepo } from '../core/sources/sourcesParser';
import { readCheckoutFile } from '../node/checkoutFile';
import { headCommit, remoteUrls } from '../node/gitCheckout';
import type { ContentService } from './contentService';
import type { Logger } from './logger';
import { affectsSettings, settingId, settings } from './settings';
import { Disposable } from './util/dispose';

export interface Checkout {
  root: string;
  head?: string;
}

export type Resolution =
  | { kind: 'found'; uri: vscode.Uri; range: vscode.Range; how: 'symbols' | 'definition' | 'text' | 'lines'; checkout: Checkout; drift: boolean }
  | { kind: 'missing'; why: string; checkout?: Checkout }
  | { kind: 'no-checkout'; repo: SourceRepo };

const SYMBOL_PROVIDER_TIMEOUT_MS = 250;

/**
 * Resolves code references against the learner's checkouts and opens them beside the lesson.
 * A checkout is a workspace folder whose git remote matches the repository, or a folder set in
 * `MLLearningLab.sourceRoots`. Symbols come from the language's document symbols when a provider
 * answers quickly, else from a definition/text search, so references survive moved lines.
 */
export class CodeRefService extends Disposable {
  private readonly highlight = this._register(vscode.window.createTextEditorDecorationType({
    backgroundColor: new vscode.ThemeColor('editor.rangeHighlightBackground'),
    isWholeLine: true,
    overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.rangeHighlightForeground'),
    overviewRulerLane: vscode.OverviewRulerLane.Full,
  }));
  private checkoutCache = new Map<string, Checkout | null>();
  private readonly _onDidChangeCheckouts = this._register(new vscode.EventEmitter<void>());
  readonly onDidChangeCheckouts = this._onDidChangeCheckouts.event;

  constructor(private readonly content: ContentService, private readonly log: Logger) {
    super();
    const invalidate = () => {
      this.checkoutCache.clear();
      this._onDidChangeCheckouts.fire();
    };
    this._register(vscode.workspace.onDidChangeWorkspaceFolders(invalidate));
    this._register(vscode.workspace.onDidChangeConfiguration((e) => affectsSettings(e, 'sourceRoots') && invalidate()));
    this._register(content.onDidChange(invalidate));
  }

  repo(id: string): SourceRepo | undefined {
    return this.content.catalog.repos.get(id);
  }

  /** The local checkout of a repository, if any (setting first, then workspace folders by git remote). */
  checkout(repoId: string): Checkout | undefined {
    if (this.checkoutCache.has(repoId)) return this.checkoutCache.get(repoId) ?? undefined;
    const repo = this.repo(repoId);
    let found: Checkout | undefined;
    if (repo) {
      const configured = settings().get<Record<string, unknown>>('sourceRoots') ?? {};
      const fromSetting = configured[repoId];
      if (typeof fromSetting === 'string' && fromSetting && existsSync(fromSetting)) {
        found = { root: fromSetting, head: headCommit(fromSetting) };
      } else {
        const wanted = new Set(repoRemotes(repo));
        for (const folder of vscode.workspace.workspaceFolders ?? []) {
          if (folder.uri.scheme !== 'file') continue;
          if (remoteUrls(folder.uri.fsPath).some((u) => wanted.has(normalizeRemote(u)))) {
            found = { root: folder.uri.fsPath, head: headCommit(folder.uri.fsPath) };
            break;
          }
        }
      }
    }
    this.checkoutCache.set(repoId, found ?? null);
    return found;
  }

  /** Which repository (and relative path) a file belongs to, for CodeLens and "Lessons about this file". */
  locate(uri: vscode.Uri): { repo: SourceRepo; relPath: string } | undefined {
    if (uri.scheme !== 'file') return undefined;
    for (const repo of this.content.catalog.repos.values()) {
      const co = this.checkout(repo.id);
      if (!co) continue;
      const rel = path.relative(co.root, uri.fsPath);
      if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) return { repo, relPath: rel.split(path.sep).join('/') };
    }
    return undefined;
  }

  /**
   * Resolve by definition search (fast, no language server needed). `open` then refines the range
   * with document symbols when a language extension answers.
   */
  async resolve(ref: CodeRef): Promise<Resolution> {
    const repo = this.repo(ref.repo);
    if (!repo) return { kind: 'missing', why: `no repository "${ref.repo}" is declared in sources.yaml` };
    const checkout = this.checkout(ref.repo);
    if (!checkout) return { kind: 'no-checkout', repo };
    // the real file must be a regular, bounded file inside the checkout: no symlink out of it, no FIFO or device
    const read = readCheckoutFile(checkout.root, ref.path);
    if (!read.ok) return { kind: 'missing', why: read.why, checkout };
    const uri = vscode.Uri.file(read.file);
    const drift = !!checkout.head && checkout.head !== repo.commit;
    if (!ref.symbol) {
      const lines = ref.lines ?? { start: 1, end: 1 };
      return { kind: 'found', uri, range: new vscode.Range(lines.start - 1, 0, lines.end - 1, 0), how: 'lines', checkout, drift };
    }
    const hit = findSymbol(read.text, ref.symbol, ref.lines?.start);
    if (hit) return { kind: 'found', uri, range: new vscode.Range(hit.line - 1, 0, hit.endLine - 1, 0), how: hit.how, checkout, drift };
    const fromSymbols = await this.fromDocumentSymbols(uri, ref.symbol);
    if (fromSymbols) return { kind: 'found', uri, range: fromSymbols, how: 'symbols', checkout, drift };
    return { kind: 'missing', why: `\`${ref.symbol}\` was not found in ${ref.path}${drift ? ` (the checkout is at ${checkout.head!.slice(0, 7)}, the lesson at ${repo.commit.slice(0, 7)})` : ''}`, checkout };
  }

  /** Document symbols from a language extension, if one answers quickly; `Class.method` walks children. */
  private async fromDocumentSymbols(uri: vscode.Uri, symbol: string, timeoutMs = SYMBOL_PROVIDER_TIMEOUT_MS): Promise<vscode.Range | undefined> {
    try {
      const symbols = await Promise.race([
        vscode.commands.executeCommand<(vscode.DocumentSymbol | vscode.SymbolInformation)[] | undefined>('vscode.executeDocumentSymbolProvider', uri),
        new Promise<undefined>((r) => setTimeout(() => r(undefined), timeoutMs)),
      ]);
      if (!symbols?.length || !('children' in symbols[0])) return undefined;
      let level = symbols as vscode.DocumentSymbol[];
      let found: vscode.DocumentSymbol | undefined;
      for (const part of symbol.split('.')) {
        found = level.find((s) => s.name === part || s.name.startsWith(`${part}(`));
        if (!found) return undefined;
        level = found.children;
      }
      return found?.range;
    } catch {
      return undefined;
    }
  }

  /** Open a reference beside the lesson, or offer the web / a clone / a local folder when there is no checkout. */
  async open(ref: CodeRef, besideOf?: vscode.ViewColumn): Promise<Resolution> {
    const t0 = performance.now();
    const res = await this.resolve(ref);
    switch (res.kind) {
      case 'found': {
        const editor = await vscode.window.showTextDocument(res.uri, {
          viewColumn: besideOf === undefined ? vscode.ViewColumn.Beside : besideOf === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.Beside,
          preserveFocus: false,
          preview: true,
          selection: new vscode.Range(res.range.start, res.range.start),
        });
        editor.revealRange(res.range, vscode.TextEditorRevealType.AtTop);
        editor.setDecorations(this.highlight, [res.range]);
        this.log.info(`Opened ${ref.repo}/${ref.path}${ref.symbol ? `#${ref.symbol}` : ''} at line ${res.range.start.line + 1} (by ${res.how}) in ${(performance.now() - t0).toFixed(1)} ms`);
        // a language server knows better than a pattern (decorators, overloads): refine when it answers
        if (ref.symbol && res.how !== 'symbols') {
          void this.fromDocumentSymbols(res.uri, ref.symbol, 1500).then((better) => {
            if (better && !better.isEqual(res.range) && !editor.document.isClosed) {
              editor.selection = new vscode.Selection(better.start, better.start);
              editor.revealRange(better, vscode.TextEditorRevealType.AtTop);
              editor.setDecorations(this.highlight, [better]);
            }
          });
        }
        const clear = vscode.window.onDidChangeTextEditorSelection((e) => {
          if (e.textEditor === editor && e.kind !== undefined) {
            editor.setDecorations(this.highlight, []);
            clear.dispose();
          }
        });
        if (res.drift) {
          const repo = this.repo(ref.repo)!;
          void vscode.window.setStatusBarMessage(`$(git-commit) ${repo.name}: your checkout is at ${res.checkout.head!.slice(0, 7)}; the lesson was written against ${repo.commit.slice(0, 7)}. Found ${ref.symbol ?? 'the lines'} by ${res.how === 'symbols' ? 'document symbols' : 'search'}.`, 8000);
        }
        return res;
      }
      case 'missing':
        void vscode.window.showWarningMessage(`Cannot open the code reference: ${res.why}.`, ...(this.repo(ref.repo) ? ['Open on the Web'] : [])).then((a) => {
          if (a) void vscode.env.openExternal(vscode.Uri.parse(webUrl(this.repo(ref.repo)!, ref.path, ref.lines?.start, ref.lines?.end)));
        });
        return res;
      case 'no-checkout':
        await this.offerSource(res.repo, ref);
        return res;
    }
  }

  private async offerSource(repo: SourceRepo, ref: CodeRef): Promise<void> {
    const items: (vscode.QuickPickItem & { action: 'web' | 'clone' | 'folder' })[] = [
      { action: 'web', label: '$(globe) Open on the web at the pinned commit', detail: webUrl(repo, ref.path, ref.lines?.start, ref.lines?.end) },
      { action: 'clone', label: `$(repo-clone) Clone ${repo.name} at ${repo.commit.slice(0, 7)} and add it to the workspace`, detail: repo.clone },
      { action: 'folder', label: '$(folder-opened) Use a checkout I already have…', detail: `Remembered in the setting ${settingId('sourceRoots')}.${repo.id}` },
    ];
    const pick = await vscode.window.showQuickPick(items, { title: `No checkout of ${repo.name} is open`, placeHolder: `${ref.path}${ref.symbol ? ` › ${ref.symbol}` : ''}` });
    if (!pick) return;
    if (pick.action === 'web') {
      await vscode.env.openExternal(vscode.Uri.parse(webUrl(repo, ref.path, ref.lines?.start, ref.lines?.end)));
    } else if (pick.action === 'folder') {
      const folder = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, title: `Checkout of ${repo.name}` });
      if (!folder?.[0]) return;
      const cfg = settings();
      await cfg.update('sourceRoots', { ...(cfg.get<Record<string, string>>('sourceRoots') ?? {}), [repo.id]: folder[0].fsPath }, vscode.ConfigurationTarget.Global);
      this.checkoutCache.delete(repo.id);
      await this.open(ref);
    } else {
      await this.clone(repo);
    }
  }

  /** Clone through VS Code's git extension, check out the pinned commit, and add the folder to the workspace. */
  private async clone(repo: SourceRepo): Promise<void> {
    const parent = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, title: `Where to clone ${repo.name}`, openLabel: 'Clone Here' });
    if (!parent?.[0]) return;
    const gitExt = vscode.extensions.getExtension<{ getAPI(v: 1): GitApi }>('vscode.git');
    const api = (gitExt?.isActive ? gitExt.exports : await gitExt?.activate())?.getAPI(1);
    if (!api?.clone) {
      void vscode.window.showErrorMessage('The built-in Git extension is not available to clone with; clone the repository yourself and use "Use a checkout I already have".');
      return;
    }
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Cloning ${repo.name}…`, cancellable: false }, async () => {
      const target = await api.clone!(vscode.Uri.parse(repo.clone), { parentPath: parent[0], postCloneAction: 'none' });
      if (!target) throw new Error('the clone did not complete');
      const repository = await api.openRepository?.(target);
      await repository?.checkout(repo.commit);
      vscode.workspace.updateWorkspaceFolders(vscode.workspace.workspaceFolders?.length ?? 0, 0, { uri: target, name: `${repo.name} @ ${repo.commit.slice(0, 7)}` });
    }).then(undefined, (e: unknown) => {
      this.log.error(e instanceof Error ? e : new Error(String(e)));
      void vscode.window.showErrorMessage(`Cloning ${repo.name} failed: ${e instanceof Error ? e.message : String(e)}`);
    });
  }
}

/** The slice of the git extension's API (v1) used here. */
interface GitApi {
  clone?(url: vscode.Uri, options: { parentPath?: vscode.Uri; postCloneAction?: 'none' }): Promise<vscode.Uri | null>;
  openRepository?(root: vscode.Uri): Promise<{ checkout(treeish: string): Promise<void> } | null>;
}
