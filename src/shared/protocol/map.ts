import type { TrackGraph } from '../../core/roadmap/layout';

export interface MapLessonState {
  read: boolean;
  /** Mean recall of the lesson's cards today and in 7 days (unseen cards count 0); undefined when no card was reviewed yet. */
  recall?: number;
  recall7?: number;
  cards: number;
}

/** The tracks as graphs: the webview lays them out (dagre takes ~100 ms for a track, which would block the host). */
export type MapToWebview = { type: 'didLoad'; tracks: TrackGraph[]; lessons: Record<string, MapLessonState>; focusTrack?: string };

export type MapFromWebview =
  | { type: 'ready' }
  | { type: 'openLesson'; lessonId: string }
  | { type: 'reportError'; message: string };

const ID = /^[a-z0-9][a-z0-9-]{0,127}$/;

export function parseMapMessage(raw: unknown): MapFromWebview | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const m = raw as Record<string, unknown>;
  if (m.type === 'ready') return { type: 'ready' };
  if (m.type === 'openLesson') return typeof m.lessonId === 'string' && ID.test(m.lessonId) ? { type: 'openLesson', lessonId: m.lessonId } : undefined;
  if (m.type === 'reportError') return typeof m.message === 'string' ? { type: 'reportError', message: m.message.slice(0, 2000) } : undefined;
  return undefined;
}
