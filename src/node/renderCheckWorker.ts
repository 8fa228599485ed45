/**
 * Worker thread entry (dist/renderCheckWorker.js): runs the render check of one content file at a
 * time, off the extension host's event loop. KaTeX and markdown-it run synchronously, so a hostile
 * file could otherwise block the host; here the host can stop the thread when a file runs over budget.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { checkRendered } from '../core/content/deepCheck';
import { LessonRenderer } from '../core/render/lessonRenderer';
import { fsContentSource } from './fsContentSource';
import type { CheckerData, CheckerRequest, CheckerResponse } from './renderCheckProtocol';

const port = parentPort!;
const renderer = new LessonRenderer();
let lessons = new Set<string>();
const post = (m: CheckerResponse) => port.postMessage(m);
/** The line being checked, shared with the host so it can read it while this thread is busy (no message needed). */
const line = new Int32Array((workerData as CheckerData).progress);

port.on('message', (m: CheckerRequest) => {
  if (m.type === 'lessons') {
    lessons = new Set(m.ids);
    return;
  }
  try {
    const text = fsContentSource.readFile(m.file);
    const diagnostics = checkRendered(m.file, text, m.target, (id) => lessons.has(id), renderer, (at) => Atomics.store(line, 0, at));
    post({ type: 'done', job: m.job, diagnostics });
  } catch (e) {
    post({ type: 'failed', job: m.job, message: e instanceof Error ? e.message : String(e) });
  }
});
post({ type: 'ready' });
