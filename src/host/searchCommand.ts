import * as path from 'node:path';
import * as vscode from 'vscode';
import { cardDocs, lessonDocs } from '../core/search/searchDocs';
import { SearchIndex, words, type SearchHit } from '../core/search/searchIndex';
import type { ContentService } from './contentService';
import type { Logger } from './logger';
import type { LessonPanelManager } from './panels/lessonPanel';
import { Disposable } from './util/dispose';

/** How long the index build runs before it lets the event loop in. */
const SLICE_MS = 15;

interface HitPick extends vscode.QuickPickItem {
  hit: SearchHit;
}

/**
 * Search Lessons and Cards: a quick pick over the full-text index of every published lesson
 * (title block and sections) and every card. The index is built on the first search and again
 * after the content changes; a lesson result opens the lesson at its section with the words marked,
 * a card result opens the card in its deck.
 */
export class SearchCommand extends Disposable {
  private index?: Promise<SearchIndex>;

  constructor(private readonly content: ContentService, private readonly lessons: LessonPanelManager, private readonly log: Logger) {
    super();
    this._register(content.onDidChange(() => (this.index = undefined)));
    this._register(vscode.commands.registerCommand('mlLab.search', (query?: unknown) => this.run(typeof query === 'string' ? query : '')));
  }

  /**
   * The index of the current content, built on first use a slice at a time (the event loop runs
   * between slices: a large content root never blocks the host for long).
   */
  private build(): Promise<SearchIndex> {
    return (this.index ??= (async () => {
      const t0 = performance.now();
      const c = this.content.catalog;
      const builder = SearchIndex.builder();
      let slice = performance.now();
      const yieldNow = async () => {
        if (performance.now() - slice < SLICE_MS) return;
        await new Promise((r) => setImmediate(r));
        slice = performance.now();
      };
      for (const lesson of c.lessons.values()) {
        if (lesson.status !== 'published') continue;
        try {
          for (const doc of lessonDocs(lesson, this.content.lessonBody(lesson.file).body)) builder.add(doc);
        } catch (e) {
          this.log.warn(`Search: cannot read ${lesson.file}: ${(e as Error).message}`);
        }
        await yieldNow();
      }
      for (const doc of cardDocs(c)) {
        builder.add(doc);
        await yieldNow();
      }
      const index = builder.done();
      this.log.info(`Search index: ${index.size} documents in ${(performance.now() - t0).toFixed(1)} ms`);
      return index;
    })());
  }

  private async run(initial: string): Promise<void> {
    const pick = vscode.window.createQuickPick<HitPick>();
    pick.title = 'Search Lessons and Cards';
    pick.placeholder = 'Words from lesson text, headings or cards (each word matches as a prefix)';
    pick.matchOnDescription = false;
    pick.matchOnDetail = false;
    pick.value = initial;
    pick.busy = true;
    pick.onDidHide(() => pick.dispose());
    pick.show();
    const index = await this.build();
    pick.busy = false;
    const update = () => {
      pick.items = index.search(pick.value, 50).map((hit) => this.item(hit));
    };
    pick.onDidChangeValue(update);
    pick.onDidAccept(() => {
      const chosen = pick.selectedItems[0];
      pick.hide();
      if (chosen) void this.open(chosen.hit, words(pick.value));
    });
    update();
  }

  private item(hit: SearchHit): HitPick {
    const c = this.content.catalog;
    const { doc } = hit;
    const lesson = doc.lessonId ? c.lessons.get(doc.lessonId) : undefined;
    const icon = doc.kind === 'card' ? '$(mortar-board)' : doc.kind === 'section' ? '$(symbol-text)' : '$(book)';
    return {
      // every result stays visible: the index did the matching (the quick pick's own filter would hide them)
      alwaysShow: true,
      label: `${icon} ${hit.title}`,
      description: doc.kind === 'lesson' ? 'lesson' : doc.kind === 'section' ? lesson?.title : `card${lesson ? ` · ${lesson.title}` : ''}`,
      detail: hit.snippet.text,
      hit,
    };
  }

  private async open(hit: SearchHit, highlight: string[]): Promise<void> {
    const { doc } = hit;
    if (doc.kind !== 'card') {
      if (doc.lessonId) this.lessons.open(doc.lessonId, vscode.ViewColumn.Active, doc.anchor, highlight);
      return;
    }
    const card = doc.cardId ? this.content.catalog.cards.get(doc.cardId) : undefined;
    if (!card) return;
    const editor = await vscode.window.showTextDocument(vscode.Uri.file(card.file), { preview: true, selection: new vscode.Range(card.line - 1, 0, card.line - 1, 0) });
    if (!path.relative(this.content.bundledRoot, card.file).startsWith('..')) {
      // a bundled deck lives in the installed extension: edits would be lost on the next update
      await vscode.commands.executeCommand('workbench.action.files.setActiveEditorReadonlyInSession');
    }
    editor.revealRange(editor.selection, vscode.TextEditorRevealType.InCenter);
  }
}
