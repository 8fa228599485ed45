import type { Catalog } from '../content/contentIndex';
import { decodeEntry, type LogEntry } from './reviewLog';
import type { SchedState } from './scheduler';

export const BACKUP_FORMAT = 'ml-learning-lab-review-backup';

/** A full backup: the whole review log (from which everything can be rebuilt) plus the current states for reading. */
export interface Backup {
  format: typeof BACKUP_FORMAT;
  v: 1;
  exportedAt: string;
  entries: LogEntry[];
  cards: Record<string, SchedState>;
}

export function makeBackup(entries: LogEntry[], states: ReadonlyMap<string, SchedState>, now: number): Backup {
  return { format: BACKUP_FORMAT, v: 1, exportedAt: new Date(now).toISOString(), entries, cards: Object.fromEntries(states) };
}

/** Read a backup file; returns the valid log entries, and how many could not be read. */
export function readBackup(text: string): { entries: LogEntry[]; skipped: number } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new Error(`not a JSON file (${(e as Error).message})`);
  }
  const b = raw as Partial<Backup>;
  if (typeof raw !== 'object' || raw === null || b.format !== BACKUP_FORMAT) throw new Error('not an ML Learning Lab review backup');
  if (b.v !== 1) throw new Error(`backup version ${String(b.v)} is newer than this extension understands`);
  if (!Array.isArray(b.entries)) throw new Error('the backup has no review entries');
  const entries = b.entries.map(decodeEntry).filter((e): e is LogEntry => e !== undefined);
  return { entries, skipped: b.entries.length - entries.length };
}

const DAY = 86_400_000;

/**
 * Cards with their intervals as CSV that Anki's importer reads (file headers set the separator and
 * columns; fields are markdown text). One row per card with review history.
 */
export function toAnkiCsv(c: Catalog, states: ReadonlyMap<string, SchedState>): string {
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const rows = ['#separator:Comma', '#html:false', '#columns:Front,Back,Tags,Card id,Due,Interval days,Stability,Difficulty,Reps,Lapses'];
  for (const [id, s] of states) {
    const card = c.cards.get(id);
    if (!card) continue;
    const deck = c.decks.get(card.deckId);
    const tags = [`mllab::${card.category}`, `mllab::deck::${card.deckId}`, ...(deck?.lesson ? [`mllab::lesson::${deck.lesson}`] : []), ...card.tags].join(' ');
    const back = card.type === 'trace' ? card.trace!.steps.map((x, i) => `${i + 1}. ${x}`).join('\n') : card.back;
    rows.push([
      q(card.front), q(back), q(tags), q(id), q(new Date(s.due).toISOString().slice(0, 10)),
      String(Math.max(0, Math.round((s.due - s.lastReview) / DAY))), s.stability.toFixed(2), s.difficulty.toFixed(2), String(s.reps), String(s.lapses),
    ].join(','));
  }
  return rows.join('\n') + '\n';
}
