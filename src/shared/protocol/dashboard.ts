import type { DashboardData } from '../../core/stats/dashboard';
import type { TodayAction } from '../../core/stats/todayAction';

/** Messages between the Daily Practice dashboard and the host. */
export type DashboardToWebview = {
  type: 'didLoad';
  data: DashboardData;
  generatedMs: number;
  /** The Today view's first line and action (computed on the host). */
  today?: TodayAction;
};

export type DashboardFromWebview =
  | { type: 'ready' }
  | { type: 'startPractice' }
  | { type: 'learnNew' }
  | { type: 'openLesson'; lessonId: string }
  | { type: 'showRoadmap' }
  | { type: 'reportError'; message: string };

const ID = /^[a-z0-9][a-z0-9-]{0,127}$/;

export function parseDashboardMessage(raw: unknown): DashboardFromWebview | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const m = raw as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
    case 'startPractice':
    case 'learnNew':
    case 'showRoadmap':
      return { type: m.type };
    case 'openLesson':
      return typeof m.lessonId === 'string' && ID.test(m.lessonId) ? { type: 'openLesson', lessonId: m.lessonId } : undefined;
    case 'reportError':
      return typeof m.message === 'string' ? { type: 'reportError', message: m.message.slice(0, 2000) } : undefined;
    default:
      return undefined;
  }
}
