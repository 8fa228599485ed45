/** Storage the review store needs, injected so core stays free of `vscode` and `node:fs`. */

/** An append-only text file shared by every window on this machine. */
export interface AppendOnlyLog {
  /**
   * Complete lines from byte `offset` to the last newline, and the byte offset after them.
   * A line still being written by another process is not returned until it is complete.
   */
  readFrom(offset: number): { text: string; end: number };
  /** Current length in bytes (0 if the file does not exist). */
  size(): number;
  /** Append whole lines atomically (one write call with O_APPEND) and durably (on disk when it returns); returns the new end offset. */
  append(text: string): number;
}

/** A small document written whole (atomically: write a temp file, then rename). */
export interface SnapshotFile {
  read(): string | undefined;
  write(text: string): void;
  /** Keep an unreadable copy aside before it is replaced; returns where it went. */
  quarantine(text: string, reason: string): string;
}

/** A key-value store such as `globalState` (the sync channel uses one key). */
export interface KeyValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void | PromiseLike<void>;
}
