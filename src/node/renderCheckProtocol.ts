import type { RenderCheckTarget } from '../core/content/deepCheck';
import type { ContentDiagnostic } from '../core/diagnostics';
import type { RenderedMarkdown } from '../core/render/lessonRenderer';

/** The worker's `workerData`: one Int32 the worker sets to the file line it is working on. */
export interface CheckerData {
  progress: SharedArrayBuffer;
}

/** Host → render worker: what links may point to, a file to check, a lesson body or a card's parts to render for a panel. */
export type CheckerRequest =
  | { type: 'catalog'; lessons: string[]; repos: string[] }
  | { type: 'check'; job: number; file: string; target: RenderCheckTarget }
  | { type: 'render'; job: number; markdown: string; firstLine: number }
  | { type: 'renderParts'; job: number; parts: RenderPart[] };

/** One piece of a card to show: a block of markdown, or an inline one (a trace step). */
export interface RenderPart {
  markdown: string;
  inline?: boolean;
}

/** Render worker → host. */
export type CheckerResponse =
  | { type: 'ready' }
  | { type: 'done'; job: number; diagnostics: ContentDiagnostic[] }
  | { type: 'rendered'; job: number; rendered: RenderedMarkdown }
  | { type: 'renderedParts'; job: number; html: string[] }
  | { type: 'failed'; job: number; message: string };
