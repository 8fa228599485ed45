import * as vscode from 'vscode';
import { decodeReadState, type ReadState } from '../core/progress/readState';
import type { Logger } from './logger';

export const READ_STATE_KEY = 'mlLab.readState';
const VIEW_STATE_KEY = 'mlLab.lessonViewState';
const QUARANTINE_PREFIX = 'mlLab.quarantine.';

/**
 * Learner progress in globalState: which lessons are read (small, synced with Settings Sync) and
 * where each lesson was left (scroll; local only). Unreadable stored values are copied aside under
 * a quarantine key and reported, never silently dropped.
 */
export class ProgressStore {
  private readonly _onDidChange = new vscode.EventEmitter<void>();
  readonly onDidChange = this._onDidChange.event;

  constructor(private readonly memento: vscode.Memento, private readonly log: Logger) {}

  private readState(): ReadState {
    const raw = this.memento.get<unknown>(READ_STATE_KEY);
    const decoded = decodeReadState(raw);
    if (!decoded.ok) {
      const key = `${QUARANTINE_PREFIX}${READ_STATE_KEY}.${Date.now()}`;
      void this.memento.update(key, raw);
      this.log.warn(`Read state was partly unreadable (${decoded.problem}); a copy was kept under ${key}.`);
      void vscode.window.showWarningMessage(`ML Learning Lab: part of your saved reading progress could not be read (${decoded.problem}). A copy was kept; the rest is loaded.`);
      void this.memento.update(READ_STATE_KEY, decoded.value);
    }
    return decoded.value;
  }

  isRead(lessonId: string): boolean {
    return lessonId in this.readState().read;
  }

  /** Has the learner opened (started) or read this lesson? Its cards may then be introduced. */
  isStarted(lessonId: string): boolean {
    const s = this.readState();
    return lessonId in s.read || lessonId in (s.started ?? {});
  }

  async markStarted(lessonId: string): Promise<void> {
    const state = this.readState();
    if (lessonId in (state.started ?? {})) return;
    await this.memento.update(READ_STATE_KEY, { ...state, started: { ...state.started, [lessonId]: Date.now() } });
    this._onDidChange.fire();
  }

  async setRead(lessonId: string, read: boolean): Promise<void> {
    // read-modify-write against the stored value, so another window's writes since our last read are kept
    const state = this.readState();
    if (read === lessonId in state.read) return;
    const next: ReadState = { ...state, read: { ...state.read } };
    if (read) next.read[lessonId] = Date.now();
    else delete next.read[lessonId];
    await this.memento.update(READ_STATE_KEY, next);
    this._onDidChange.fire();
  }

  scroll(lessonId: string): number {
    const all = this.memento.get<Record<string, unknown>>(VIEW_STATE_KEY) ?? {};
    const v = typeof all === 'object' && all !== null ? all[lessonId] : undefined;
    return typeof v === 'number' && v >= 0 && v <= 1 ? v : 0;
  }

  async setScroll(lessonId: string, fraction: number): Promise<void> {
    const raw = this.memento.get<Record<string, number>>(VIEW_STATE_KEY);
    const all = typeof raw === 'object' && raw !== null ? { ...raw } : {};
    all[lessonId] = Math.round(fraction * 10000) / 10000;
    await this.memento.update(VIEW_STATE_KEY, all);
  }

  dispose(): void {
    this._onDidChange.dispose();
  }
}
