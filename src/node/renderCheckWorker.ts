/**
 * Worker thread entry (dist/renderCheckWorker.js): renders content files, one job at a time, off the
 * extension host's event loop. KaTeX and markdown-it run synchronously, so a hostile file could
 * otherwise block the host; here the host can stop the thread when a file runs over its budget.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { checkRendered } from '../core/content/deepCheck';
import { LessonRenderer } from '../core/render/lessonRenderer';
import { fsContentSource } from './fsContentSource';
import type { CheckerData, CheckerRequest, CheckerResponse } from './renderCheckProtocol';

const port = parentPort!;
const renderer = new LessonRenderer();
let lessons = new Set<string>();
let repos = new Set<string>();
const post = (m: CheckerResponse) => port.postMessage(m);
/** The line being worked on, shared with the host so it can read it while this thread is busy (no message needed). */
const line = new Int32Array((workerData as CheckerData).progress);
const progress = (at: number) => Atomics.store(line, 0, at);
const lessonExists = (id: string) => lessons.has(id);

port.on('message', (m: CheckerRequest) => {
  try {
    switch (m.type) {
      case 'catalog':
        lessons = new Set(m.lessons);
        repos = new Set(m.repos);
        return;
      case 'check': {
        const text = fsContentSource.readFile(m.file);
        post({ type: 'done', job: m.job, diagnostics: checkRendered(m.file, text, m.target, lessonExists, renderer, progress) });
        return;
      }
      case 'render':
        progress(m.firstLine);
        post({ type: 'rendered', job: m.job, rendered: renderer.render(m.markdown, { firstLine: m.firstLine, lessonExists, repoExists: (id) => repos.has(id), progress }) });
        return;
      case 'renderParts':
        progress(1);
        post({ type: 'renderedParts', job: m.job, html: m.parts.map((p) => (p.inline ? renderer.renderInline(p.markdown) : renderer.render(p.markdown, { lessonExists, repoExists: (id) => repos.has(id) })).html) });
        return;
    }
  } catch (e) {
    if (m.type !== 'catalog') post({ type: 'failed', job: m.job, message: e instanceof Error ? e.message : String(e) });
  }
});
post({ type: 'ready' });
