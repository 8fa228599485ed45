import type { AppendOnlyLog, KeyValueStore, SnapshotFile } from '../../src/core/review/ports';

/** An in-memory append-only log shared by "windows" in tests (ASCII text, so chars = bytes). */
export class MemoryLog implements AppendOnlyLog {
  text = '';
  readFrom(offset: number): { text: string; end: number } {
    if (offset > this.text.length) throw new Error('offset past end of log');
    const tail = this.text.slice(offset);
    const last = tail.lastIndexOf('\n');
    return last === -1 ? { text: '', end: offset } : { text: tail.slice(0, last + 1), end: offset + last + 1 };
  }
  size(): number {
    return this.text.length;
  }
  append(text: string): number {
    this.text += text;
    return this.text.length;
  }
}

export class MemorySnapshot implements SnapshotFile {
  text: string | undefined;
  quarantined: { text: string; reason: string }[] = [];
  read(): string | undefined {
    return this.text;
  }
  write(text: string): void {
    this.text = text;
  }
  quarantine(text: string, reason: string): string {
    this.quarantined.push({ text, reason });
    return `quarantine-${this.quarantined.length}`;
  }
}

export class MemoryKv implements KeyValueStore {
  readonly map = new Map<string, unknown>();
  get(key: string): unknown {
    return this.map.get(key);
  }
  set(key: string, value: unknown): void {
    this.map.set(key, JSON.parse(JSON.stringify(value)));
  }
}
