import { Worker } from 'node:worker_threads';
import type { RenderCheckTarget } from '../core/content/deepCheck';
import { diag, type ContentDiagnostic } from '../core/diagnostics';
import type { CheckerData, CheckerRequest, CheckerResponse } from './renderCheckProtocol';

interface Job {
  id: number;
  file: string;
  target: RenderCheckTarget;
  resolve: (d: ContentDiagnostic[] | undefined) => void;
}

/**
 * Runs render checks in a worker thread, one file at a time, each under a time budget. A file over
 * budget (or one that crashes the worker, e.g. out of memory) gets a diagnostic at the line the
 * check had reached; the worker is replaced and the next file is checked. The host's event loop
 * only ever posts messages and reads results.
 */
export class RenderChecker {
  private worker?: Worker;
  private ready = false;
  private readonly progress = new Int32Array(new SharedArrayBuffer(4));
  private lessonIds: string[] = [];
  private readonly queue: Job[] = [];
  private running?: { job: Job; timer: ReturnType<typeof setTimeout> };
  private nextId = 1;
  private disposed = false;
  /** Set when a worker dies before it is ready (missing bundle, bad build): restarting would loop. */
  private broken = false;

  constructor(private readonly workerFile: string, private readonly budgetMs: number, private readonly log: (message: string) => void = () => {}) {}

  /** The lesson ids that links may point to (sent again to each new worker). */
  setLessons(ids: string[]): void {
    this.lessonIds = ids;
    if (this.worker && this.ready) this.send({ type: 'lessons', ids });
  }

  /** Check one file; resolves with its problems, or undefined when the check was cancelled. */
  check(file: string, target: RenderCheckTarget): Promise<ContentDiagnostic[] | undefined> {
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, file, target, resolve });
      this.pump();
    });
  }

  /** Drop the checks not started yet (the content changed under them). */
  cancelPending(): void {
    for (const job of this.queue.splice(0)) job.resolve(undefined);
  }

  dispose(): void {
    this.disposed = true;
    this.cancelPending();
    if (this.running) this.finish(undefined);
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private pump(): void {
    if (this.broken) return this.cancelPending();
    if (this.disposed || this.running || this.queue.length === 0) return;
    if (!this.worker) return this.start();
    if (!this.ready) return;
    const job = this.queue.shift()!;
    Atomics.store(this.progress, 0, 1);
    // the budget starts when the worker is ready, so loading its modules does not count
    const timer = setTimeout(() => this.overBudget(job), this.budgetMs);
    this.running = { job, timer };
    this.send({ type: 'check', job: job.id, file: job.file, target: job.target });
  }

  private start(): void {
    const data: CheckerData = { progress: this.progress.buffer as SharedArrayBuffer };
    let worker: Worker;
    try {
      // a hostile file may exhaust this heap; the host's stays untouched
      worker = new Worker(this.workerFile, { workerData: data, resourceLimits: { maxOldGenerationSizeMb: 512 } });
    } catch (e) {
      this.log(`Cannot start the render check worker: ${(e as Error).message}`);
      this.cancelPending();
      return;
    }
    this.worker = worker;
    this.ready = false;
    worker.on('message', (m: CheckerResponse) => this.onMessage(worker, m));
    worker.on('error', (e) => this.onCrash(worker, e.message));
    worker.on('exit', (code) => this.onCrash(worker, `the worker exited (code ${code})`));
  }

  private onMessage(worker: Worker, m: CheckerResponse): void {
    if (worker !== this.worker) return;
    switch (m.type) {
      case 'ready':
        this.ready = true;
        this.send({ type: 'lessons', ids: this.lessonIds });
        this.pump();
        return;
      case 'done':
        if (this.running?.job.id === m.job) this.finish(m.diagnostics);
        return;
      case 'failed':
        if (this.running?.job.id === m.job) {
          this.finish([diag(this.running.job.file, 1, 'file.check-failed', `the render check failed: ${m.message.slice(0, 200)}`)]);
        }
        return;
    }
  }

  private onCrash(worker: Worker, reason: string): void {
    if (worker !== this.worker) return;
    this.worker = undefined;
    if (!this.ready) {
      this.broken = true;
      this.log(`The render check worker did not start: ${reason}`);
    }
    this.ready = false;
    if (this.running) {
      const { job } = this.running;
      this.finish([diag(job.file, Atomics.load(this.progress, 0), 'file.check-failed', `the render check stopped near this line: ${reason.slice(0, 200)}`)]);
    }
    this.pump();
  }

  private overBudget(job: Job): void {
    if (this.running?.job !== job) return;
    const line = Atomics.load(this.progress, 0);
    const worker = this.worker;
    this.worker = undefined;
    this.ready = false;
    void worker?.terminate();
    this.log(`Render check of ${job.file} stopped after ${this.budgetMs} ms near line ${line}`);
    this.finish([diag(job.file, line, 'file.check-timeout',
      `checking this file took over ${this.budgetMs} ms and was stopped near this line; the rest of the file was not checked (long or heavily nested math?)`, 'warning')]);
    this.pump();
  }

  private finish(result: ContentDiagnostic[] | undefined): void {
    const { job, timer } = this.running!;
    clearTimeout(timer);
    this.running = undefined;
    job.resolve(result);
    this.pump();
  }

  private send(m: CheckerRequest): void {
    this.worker?.postMessage(m);
  }
}
