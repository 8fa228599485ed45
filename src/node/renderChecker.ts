import { Worker } from 'node:worker_threads';
import type { RenderCheckTarget } from '../core/content/deepCheck';
import { diag, type ContentDiagnostic } from '../core/diagnostics';
import type { RenderedMarkdown } from '../core/render/lessonRenderer';
import type { CheckerData, CheckerRequest, CheckerResponse, RenderPart } from './renderCheckProtocol';

/** How a job ended: its value, or stopped (over budget, or the worker failed) near a file line. */
type Outcome = { ok: true; value: unknown } | { ok: false; overBudget: boolean; line: number; message: string };

interface Job {
  id: number;
  file: string;
  request: CheckerRequest;
  /** undefined: cancelled, or no worker could be started. */
  resolve: (outcome: Outcome | undefined) => void;
}

/** A lesson body rendered in the worker, or why it could not be. */
export type RenderOutcome = { ok: true; rendered: RenderedMarkdown } | { ok: false; line: number; message: string };

/**
 * Runs render work in a worker thread, one job at a time, each under a time budget: render checks
 * of content files, and the lesson bodies panels show. A job over budget (or one that crashes the
 * worker, e.g. out of memory) ends with the line it had reached; the worker is replaced and the next
 * job runs. The host's event loop only ever posts messages and reads results.
 */
export class RenderChecker {
  private worker?: Worker;
  private ready = false;
  private readonly progress = new Int32Array(new SharedArrayBuffer(4));
  private catalog: Extract<CheckerRequest, { type: 'catalog' }> = { type: 'catalog', lessons: [], repos: [] };
  private readonly queue: Job[] = [];
  private running?: { job: Job; timer: ReturnType<typeof setTimeout> };
  private nextId = 1;
  private disposed = false;
  /** Set when a worker dies before it is ready (missing bundle, bad build): restarting would loop. */
  private broken = false;

  constructor(private readonly workerFile: string, private readonly budgetMs: number, private readonly log: (message: string) => void = () => {}) {}

  /** The lesson and repository ids that links may point to (sent again to each new worker). */
  setCatalog(lessons: string[], repos: string[] = []): void {
    this.catalog = { type: 'catalog', lessons, repos };
    if (this.worker && this.ready) this.worker.postMessage(this.catalog);
  }

  /** Check one file; resolves with its problems, or undefined when the check was cancelled or no worker runs. */
  async check(file: string, target: RenderCheckTarget): Promise<ContentDiagnostic[] | undefined> {
    const outcome = await this.enqueue(file, (job) => ({ type: 'check', job, file, target }), false);
    if (!outcome) return undefined;
    if (outcome.ok) return outcome.value as ContentDiagnostic[];
    return [outcome.overBudget
      ? diag(file, outcome.line, 'file.check-timeout', `checking this file took over ${this.budgetMs} ms and was stopped near this line; the rest of the file was not checked (long or heavily nested math?)`, 'warning')
      : diag(file, outcome.line, 'file.check-failed', `the render check stopped near this line: ${outcome.message}`)];
  }

  /**
   * Render a lesson body for its panel, ahead of queued jobs; with `background` (a lesson rendered
   * before it is opened), behind them. Undefined when no worker runs or the job was cancelled.
   */
  async render(file: string, markdown: string, firstLine: number, background = false): Promise<RenderOutcome | undefined> {
    const outcome = await this.enqueue(file, (job) => ({ type: 'render', job, markdown, firstLine }), !background);
    if (!outcome) return undefined;
    if (outcome.ok) return { ok: true, rendered: outcome.value as RenderedMarkdown };
    return { ok: false, line: outcome.line, message: outcome.overBudget ? `rendering took over ${this.budgetMs} ms and was stopped near line ${outcome.line}` : outcome.message };
  }

  /** Render the parts of a card for the review panel, ahead of queued checks; undefined when no worker runs. */
  async renderParts(file: string, parts: RenderPart[]): Promise<{ ok: true; html: string[] } | { ok: false; message: string } | undefined> {
    const outcome = await this.enqueue(file, (job) => ({ type: 'renderParts', job, parts }), true);
    if (!outcome) return undefined;
    if (outcome.ok) return { ok: true, html: outcome.value as string[] };
    return { ok: false, message: outcome.overBudget ? `rendering took over ${this.budgetMs} ms and was stopped` : outcome.message };
  }

  /** Start the worker ahead of its first job (loading its modules takes a moment a reader would wait for). */
  warmUp(): void {
    if (!this.worker && !this.broken && !this.disposed) this.start();
  }

  /** Drop the jobs not started yet (the content changed under them). */
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

  private enqueue(file: string, request: (id: number) => CheckerRequest, first: boolean): Promise<Outcome | undefined> {
    return new Promise((resolve) => {
      const id = this.nextId++;
      const job = { id, file, request: request(id), resolve };
      if (first) this.queue.unshift(job);
      else this.queue.push(job);
      this.pump();
    });
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
    this.worker.postMessage(job.request);
  }

  private start(): void {
    const data: CheckerData = { progress: this.progress.buffer as SharedArrayBuffer };
    let worker: Worker;
    try {
      // a hostile file may exhaust this heap; the host's stays untouched
      worker = new Worker(this.workerFile, { workerData: data, resourceLimits: { maxOldGenerationSizeMb: 512 } });
    } catch (e) {
      this.log(`Cannot start the render worker: ${(e as Error).message}`);
      this.broken = true;
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
    if (m.type === 'ready') {
      this.ready = true;
      worker.postMessage(this.catalog);
      this.pump();
      return;
    }
    if (this.running?.job.id !== m.job) return;
    switch (m.type) {
      case 'done': return this.finish({ ok: true, value: m.diagnostics });
      case 'rendered': return this.finish({ ok: true, value: m.rendered });
      case 'renderedParts': return this.finish({ ok: true, value: m.html });
      case 'failed': return this.finish({ ok: false, overBudget: false, line: Atomics.load(this.progress, 0), message: m.message.slice(0, 200) });
    }
  }

  private onCrash(worker: Worker, reason: string): void {
    if (worker !== this.worker) return;
    this.worker = undefined;
    if (!this.ready) {
      this.broken = true;
      this.log(`The render worker did not start: ${reason}`);
    }
    this.ready = false;
    if (this.running) this.finish({ ok: false, overBudget: false, line: Atomics.load(this.progress, 0), message: reason.slice(0, 200) });
    else this.pump();
  }

  private overBudget(job: Job): void {
    if (this.running?.job !== job) return;
    const line = Atomics.load(this.progress, 0);
    const worker = this.worker;
    this.worker = undefined;
    this.ready = false;
    void worker?.terminate();
    this.log(`Rendering ${job.file} stopped after ${this.budgetMs} ms near line ${line}`);
    this.finish({ ok: false, overBudget: true, line, message: '' });
  }

  private finish(outcome: Outcome | undefined): void {
    const { job, timer } = this.running!;
    clearTimeout(timer);
    this.running = undefined;
    job.resolve(outcome);
    this.pump();
  }
}
