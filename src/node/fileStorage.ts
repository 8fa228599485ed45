import { closeSync, fdatasyncSync, fsyncSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, renameSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { isAscii } from 'node:buffer';
import * as path from 'node:path';
import type { AppendOnlyLog, SnapshotFile } from '../core/review/ports';

/**
 * The review log as a file: each append is one `write` on an O_APPEND descriptor, so lines from
 * two windows never interleave, and a crash can at worst leave one torn last line (which the
 * store reports and skips).
 */
export class FileAppendLog implements AppendOnlyLog {
  constructor(private readonly file: string) {
    mkdirSync(path.dirname(file), { recursive: true });
    const fd = openSync(file, 'a+');
    try {
      // a torn last line from a crash must not swallow the next entry
      const size = fstatSync(fd).size;
      if (size > 0) {
        const last = Buffer.alloc(1);
        readSync(fd, last, 0, 1, size - 1);
        if (last[0] !== 0x0a) writeSync(fd, '\n');
      }
    } finally {
      closeSync(fd);
    }
  }

  size(): number {
    return fileSize(this.file);
  }

  readFrom(offset: number): { text: string; end: number } {
    let fd: number;
    try {
      fd = openSync(this.file, 'r');
    } catch (e) {
      // a deleted log reads as empty (the store writes back what it knows)
      if ((e as NodeJS.ErrnoException).code === 'ENOENT' && offset === 0) return { text: '', end: 0 };
      throw e;
    }
    try {
      const size = fstatSync(fd).size;
      if (offset > size) throw new Error(`the review log is shorter (${size} bytes) than what was applied (${offset})`);
      if (offset === size) return { text: '', end: offset };
      const buf = Buffer.alloc(size - offset);
      let read = 0;
      while (read < buf.length) {
        const n = readSync(fd, buf, read, buf.length - read, offset + read);
        if (n === 0) break;
        read += n;
      }
      const last = buf.lastIndexOf(0x0a, read - 1);
      if (last === -1) return { text: '', end: offset };
      const bytes = buf.subarray(0, last + 1);
      // a log of plain ASCII (ids, card ids and numbers nearly always are) decodes several times
      // faster as latin1, which gives the same text for it
      return { text: isAscii?.(bytes) ? bytes.toString('latin1') : bytes.toString('utf8'), end: offset + last + 1 };
    } finally {
      closeSync(fd);
    }
  }

  append(text: string): number {
    const fd = openSync(this.file, 'a');
    try {
      writeSync(fd, text);
      // on disk before the rating is reported done: a power cut cannot take back a review the snapshot counts
      fdatasyncSync(fd);
      return fstatSync(fd).size;
    } finally {
      closeSync(fd);
    }
  }
}

/** A JSON document written atomically (temp file + rename), with unreadable copies kept in `quarantine/`. */
export class FileSnapshot implements SnapshotFile {
  constructor(private readonly file: string) {
    mkdirSync(path.dirname(file), { recursive: true });
  }

  read(): string | undefined {
    try {
      const bytes = readFileSync(this.file);
      // as for the log: plain ASCII (a snapshot nearly always is) decodes faster as latin1, to the same text
      return isAscii?.(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
  }

  write(text: string): void {
    const tmp = `${this.file}.${process.pid}.tmp`;
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, text);
      // the content must be on disk before the rename makes it the snapshot (else a power cut can leave it empty)
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.file);
  }

  quarantine(text: string, reason: string): string {
    const dir = path.join(path.dirname(this.file), 'quarantine');
    mkdirSync(dir, { recursive: true });
    const target = path.join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${reason.replace(/[^a-z0-9]+/gi, '-').slice(0, 40)}.txt`);
    writeFileSync(target, text);
    return target;
  }
}

export function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}
