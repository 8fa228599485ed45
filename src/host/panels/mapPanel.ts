import * as vscode from 'vscode';
import { trackGraph, type TrackGraph } from '../../core/roadmap/layout';
import { recallProbability } from '../../core/review/scheduler';
import { parseMapMessage, type MapFromWebview, type MapLessonState, type MapToWebview } from '../../shared/protocol/map';
import type { ContentService } from '../contentService';
import type { Logger } from '../logger';
import type { ProgressStore } from '../progressStore';
import type { ReviewService } from '../reviewService';
import { SingletonPanel } from './singletonPanel';

/** The visual roadmap: stages as columns, lessons as nodes coloured by recall, prerequisite edges. */
export class MapPanelManager extends SingletonPanel<MapFromWebview> {
  private focusTrack?: string;

  constructor(
    extensionUri: vscode.Uri,
    private readonly content: ContentService,
    private readonly progress: ProgressStore,
    private readonly reviews: ReviewService,
    log: Logger,
  ) {
    super(extensionUri, log, { viewType: 'mlLab.map', title: 'Roadmap', script: 'map', styles: ['media/lesson.css', 'media/map.css'] }, [
      content.onDidChange, progress.onDidChange, reviews.onDidChange,
    ]);
  }

  showTrack(trackId?: string): void {
    this.focusTrack = trackId;
    this.show();
  }

  protected parse(raw: unknown): MapFromWebview | undefined {
    return parseMapMessage(raw);
  }

  protected handle(msg: MapFromWebview): void {
    if (msg.type === 'openLesson') void vscode.commands.executeCommand('mlLab.openLesson', msg.lessonId);
    else if (msg.type === 'reportError') this.log.error(`Roadmap webview: ${msg.message}`);
  }

  protected snapshot(): MapToWebview {
    const c = this.content.catalog;
    const now = Date.now();
    const store = this.reviews.store;
    const curve = store.scheduler.curve;
    const tracks = c.tracks.map((t) => trackGraph(c, t.id)).filter((t): t is TrackGraph => !!t);
    const lessons: Record<string, MapLessonState> = {};
    for (const id of c.lessons.keys()) {
      const cards = (c.decksByLesson.get(id) ?? []).flatMap((d) => d.cards);
      let r = 0;
      let r7 = 0;
      let seen = 0;
      for (const card of cards) {
        const s = store.get(card.id);
        if (!s || s.state === 0 || s.stability <= 0) continue; // unseen cards count 0 in the mean
        seen++;
        r += recallProbability(curve, s, now);
        r7 += recallProbability(curve, s, now, 7);
      }
      // a lesson none of whose cards was reviewed is "unseen" (neutral), not "forgotten" (red)
      const scored = seen > 0;
      lessons[id] = { read: this.progress.isRead(id), cards: cards.length, recall: scored ? r / cards.length : undefined, recall7: scored ? r7 / cards.length : undefined };
    }
    const focusTrack = this.focusTrack;
    this.focusTrack = undefined;
    return { type: 'didLoad', tracks, lessons, focusTrack };
  }
}
