import * as vscode from 'vscode';
import type { Catalog } from '../../core/content/contentIndex';
import type { Lesson } from '../../core/types';
import type { ContentService } from '../contentService';
import type { ProgressStore } from '../progressStore';
import type { ReviewService } from '../reviewService';
import { Disposable } from '../util/dispose';
import { lessonTooltipMarkdown } from '../../core/text/markdownText';

export type RoadmapNode =
  | { kind: 'track'; id: string }
  | { kind: 'stage'; id: string }
  | { kind: 'lesson'; id: string }
  | { kind: 'problems'; count: number };

/** The sidebar roadmap: Track → Stage → Lesson, refreshed when content or progress changes. */
export class RoadmapTreeProvider extends Disposable implements vscode.TreeDataProvider<RoadmapNode> {
  private readonly _onDidChangeTreeData = this._register(new vscode.EventEmitter<RoadmapNode | undefined>());
  readonly onDidChangeTreeData = this._onDidChangeTreeData.event;
  private readonly nodes = new Map<string, RoadmapNode>();

  constructor(private readonly content: ContentService, private readonly progress: ProgressStore) {
    super();
    this._register(content.onDidChange(() => this.refresh()));
    this._register(progress.onDidChange(() => this.refresh()));
  }

  private reviews?: ReviewService;

  /** Show due counts once the review state is loaded (it loads after the tree is up). */
  setReviews(reviews: ReviewService): void {
    this.reviews = reviews;
    this._register(reviews.onDidChange(() => this.refresh()));
    this.refresh();
  }

  private dueLabel(c: Catalog, kind: 'track' | 'stage' | 'lesson', id: string): string | undefined {
    if (!this.reviews) return undefined;
    const n = this.reviews.dueIn({ kind, id });
    return n ? `${n} due` : undefined;
  }

  refresh(): void {
    this._onDidChangeTreeData.fire(undefined);
  }

  /** One node object per id, so `reveal` and `getParent` see the same identities. */
  node<N extends RoadmapNode>(n: N): N {
    const key = n.kind === 'problems' ? 'problems' : `${n.kind}:${n.id}`;
    const prior = this.nodes.get(key);
    if (prior && (n.kind !== 'problems')) return prior as N;
    this.nodes.set(key, n);
    return n;
  }

  getChildren(element?: RoadmapNode): RoadmapNode[] {
    const c = this.content.catalog;
    if (!element) {
      const roots: RoadmapNode[] = c.tracks.map((t) => this.node({ kind: 'track', id: t.id }));
      const problems = this.content.problemCount();
      if (problems > 0) roots.push(this.node({ kind: 'problems', count: problems }));
      return roots;
    }
    switch (element.kind) {
      case 'track':
        return (c.tracks.find((t) => t.id === element.id)?.stages ?? []).map((s) => this.node({ kind: 'stage', id: s.id }));
      case 'stage':
        return (c.stages.get(element.id)?.lessonIds ?? []).map((id) => this.node({ kind: 'lesson', id }));
      default:
        return [];
    }
  }

  getParent(element: RoadmapNode): RoadmapNode | undefined {
    const c = this.content.catalog;
    switch (element.kind) {
      case 'stage': {
        const s = c.stages.get(element.id);
        return s ? this.node({ kind: 'track', id: s.trackId }) : undefined;
      }
      case 'lesson': {
        const l = c.lessons.get(element.id);
        return l && c.stages.has(l.stage) ? this.node({ kind: 'stage', id: l.stage }) : undefined;
      }
      default:
        return undefined;
    }
  }

  getTreeItem(element: RoadmapNode): vscode.TreeItem {
    const c = this.content.catalog;
    switch (element.kind) {
      case 'track': {
        const t = c.tracks.find((x) => x.id === element.id);
        const item = new vscode.TreeItem(t?.title ?? element.id, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `track:${element.id}`;
        item.contextValue = 'track';
        item.iconPath = new vscode.ThemeIcon('map');
        const lessons = t?.stages.flatMap((s) => s.lessonIds) ?? [];
        item.description = [this.readSummary(c, lessons), this.dueLabel(c, 'track', element.id)].filter(Boolean).join(' · ');
        item.tooltip = t?.summary;
        // without this, a string tooltip becomes the screen-reader label and the title is never read
        item.accessibilityInformation = { label: [item.label, item.description].filter(Boolean).join(', ') as string };
        return item;
      }
      case 'stage': {
        const s = c.stages.get(element.id);
        const item = new vscode.TreeItem(s?.title ?? element.id, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `stage:${element.id}`;
        item.contextValue = 'stage';
        item.iconPath = new vscode.ThemeIcon('milestone');
        item.description = [this.readSummary(c, s?.lessonIds ?? []), this.dueLabel(c, 'stage', element.id)].filter(Boolean).join(' · ');
        item.tooltip = s?.summary;
        item.accessibilityInformation = { label: [item.label, item.description].filter(Boolean).join(', ') as string };
        return item;
      }
      case 'lesson':
        return this.lessonItem(c, element.id);
      case 'problems': {
        const item = new vscode.TreeItem(`${element.count} content problem${element.count === 1 ? '' : 's'}`, vscode.TreeItemCollapsibleState.None);
        item.id = 'problems';
        item.contextValue = 'problems';
        item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
        item.tooltip = 'Some content files could not be loaded completely. Open the Problems panel for file and line.';
        item.command = { command: 'workbench.actions.view.problems', title: 'Show Problems' };
        return item;
      }
    }
  }

  private lessonItem(c: Catalog, id: string): vscode.TreeItem {
    const lesson = c.lessons.get(id);
    const item = new vscode.TreeItem(lesson?.title ?? id, vscode.TreeItemCollapsibleState.None);
    item.id = `lesson:${id}`;
    if (!lesson) return item;
    const planned = lesson.status === 'planned';
    const read = !planned && this.progress.isRead(id);
    const cards = cardCount(c, id);
    item.contextValue = planned ? 'lesson.planned' : read ? 'lesson.read' : 'lesson.unread';
    if (planned) {
      item.iconPath = new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground'));
      item.description = 'planned';
      // clicking says what it is, instead of doing nothing
      item.command = { command: 'mlLab.openLesson', title: 'Open Lesson', arguments: [id] };
    } else {
      item.iconPath = read
        ? new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed'))
        : new vscode.ThemeIcon('circle-large-outline');
      item.description = [lesson.minutes ? `${lesson.minutes} min` : undefined, `${cards} card${cards === 1 ? '' : 's'}`, this.dueLabel(c, 'lesson', id), read ? 'read' : undefined].filter(Boolean).join(' · ');
      item.command = { command: 'mlLab.openLesson', title: 'Open Lesson', arguments: [id] };
    }
    item.accessibilityInformation = { label: [lesson.title, planned ? 'planned' : read ? 'read' : 'unread', item.description].filter(Boolean).join(', ') };
    item.tooltip = lessonTooltip(c, lesson, planned);
    return item;
  }

  private readSummary(c: Catalog, lessonIds: readonly string[]): string {
    const published = lessonIds.filter((id) => c.lessons.get(id)?.status === 'published');
    const read = published.filter((id) => this.progress.isRead(id)).length;
    return published.length ? `${read}/${published.length} read` : `${lessonIds.length} planned`;
  }
}

export function cardCount(c: Catalog, lessonId: string): number {
  return (c.decksByLesson.get(lessonId) ?? []).reduce((n, d) => n + d.cards.length, 0);
}

function lessonTooltip(c: Catalog, lesson: Lesson, planned: boolean): vscode.MarkdownString {
  const prerequisites = lesson.prerequisites.map((p) => c.lessons.get(p)?.title ?? p);
  return new vscode.MarkdownString(lessonTooltipMarkdown(lesson.title, lesson.summary, planned, prerequisites), true);
}
