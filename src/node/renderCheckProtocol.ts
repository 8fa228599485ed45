import type { RenderCheckTarget } from '../core/content/deepCheck';
import type { ContentDiagnostic } from '../core/diagnostics';

/** Host → render check worker. */
export type CheckerRequest =
  | { type: 'lessons'; ids: string[] }
  | { type: 'check'; job: number; file: string; target: RenderCheckTarget };

/** The worker's `workerData`: one Int32 the worker sets to the file line it is checking. */
export interface CheckerData {
  progress: SharedArrayBuffer;
}

/** Render check worker → host. */
export type CheckerResponse =
  | { type: 'ready' }
  | { type: 'done'; job: number; diagnostics: ContentDiagnostic[] }
  | { type: 'failed'; job: number; message: string };
