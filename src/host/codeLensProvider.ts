import * as vscode from 'vscode';
import type { Catalog } from '../core/content/contentIndex';
import { buildRefIndex, type RefUser } from '../core/sources/refIndex';
import { findSymbol } from '../core/sources/symbolSearch';
import type { CodeRefService } from './codeRefService';
import type { ContentService } from './contentService';
import { Disposable } from './util/dispose';

/**
 * The code leads back to the lessons: over each class/function that lessons or cards reference, a
 * CodeLens "2 lessons · 3 cards"; and the command "Lessons about this file".
 */
export class LessonCodeLensProvider extends Disposable implements vscode.CodeLensProvider {
  private readonly _onDidChange = this._register(new vscode.EventEmitter<void>());
  readonly onDidChangeCodeLenses = this._onDidChange.event;
  private index?: { catalog: Catalog; refs: Map<string, RefUser[]> };

  constructor(private readonly content: ContentService, private readonly refs: CodeRefService) {
    super();
    this._register(content.onDidChange(() => this._onDidChange.fire()));
    this._register(refs.onDidChangeCheckouts(() => this._onDidChange.fire()));
  }

  /** Everything that references this file (lessons and cards), or undefined when the file is in no known checkout. */
  usersOf(uri: vscode.Uri): RefUser[] | undefined {
    const loc = this.refs.locate(uri);
    if (!loc) return undefined;
    const c = this.content.catalog;
    if (this.index?.catalog !== c) this.index = { catalog: c, refs: buildRefIndex(c) };
    return this.index.refs.get(`${loc.repo.id}/${loc.relPath}`) ?? [];
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const users = this.usersOf(document.uri);
    if (!users?.length) return [];
    // group by the symbol (or line) they point at
    const groups = new Map<string, RefUser[]>();
    for (const u of users) {
      const key = u.ref.symbol ?? (u.ref.lines ? `#L${u.ref.lines.start}` : '');
      groups.set(key, [...(groups.get(key) ?? []), u]);
    }
    const text = document.getText();
    const lenses: vscode.CodeLens[] = [];
    for (const [key, group] of groups) {
      let line = 0;
      if (key.startsWith('#L')) line = Math.min(document.lineCount - 1, Number(key.slice(2)) - 1);
      else if (key) {
        const hit = findSymbol(text, key);
        if (!hit) continue;
        line = hit.line - 1;
      }
      const lessons = new Set(group.map((u) => u.lessonId).filter(Boolean)).size;
      // cloze deletions of one note are one card to the reader
      const cards = new Set(group.filter((u) => u.kind === 'card').map((u) => this.content.catalog.cards.get(u.id)?.noteId ?? u.id)).size;
      const title = [`$(book) ${lessons} lesson${lessons === 1 ? '' : 's'}`, cards ? `${cards} card${cards === 1 ? '' : 's'}` : ''].filter(Boolean).join(' · ');
      lenses.push(new vscode.CodeLens(new vscode.Range(line, 0, line, 0), { title, command: 'mlLab.lessonsForFile', arguments: [document.uri, key], tooltip: `ML Learning Lab: lessons and cards about ${key || 'this file'}` }));
    }
    return lenses;
  }
}
