import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import * as nodePath from 'node:path';

/** Larger files are not read: a source file a lesson points at is far smaller, and a device or log file is not. */
export const MAX_SOURCE_FILE_BYTES = 4 * 1024 * 1024;

export type CheckoutFile =
  | { ok: true; file: string; text: string }
  | { ok: false; file: string; why: string; missing?: boolean };

type PathApi = Pick<typeof nodePath, 'join' | 'relative' | 'isAbsolute' | 'sep'>;

/**
 * Whether `target` lies inside `root` (both already absolute and normalised). Checked after every
 * join, on every platform, so a path that a parser let through (`..\..`, a drive letter) still
 * cannot leave the checkout. `pathApi` is injectable so the Windows rules can be tested anywhere.
 */
export function isInside(root: string, target: string, pathApi: PathApi = nodePath): boolean {
  const rel = pathApi.relative(root, target);
  return rel === '' || (!rel.startsWith(`..${pathApi.sep}`) && rel !== '..' && !pathApi.isAbsolute(rel));
}

/** The absolute path of a reference's file in a checkout, or undefined if the path would leave it. */
export function checkoutPath(root: string, relPath: string, pathApi: PathApi = nodePath): string | undefined {
  if (/[\\:\0]/.test(relPath)) return undefined; // backslashes, drive letters and NULs never name a file of a repository here
  const target = pathApi.join(root, ...relPath.split('/'));
  return isInside(pathApi.join(root), target, pathApi) ? target : undefined;
}

/**
 * Read a referenced file from a checkout safely: the real path (symlinks resolved) must stay inside
 * the checkout's real path, it must be a regular file (no FIFO or device that blocks or never ends),
 * and at most `maxBytes` are read.
 */
export function readCheckoutFile(root: string, relPath: string, maxBytes = MAX_SOURCE_FILE_BYTES): CheckoutFile {
  const joined = checkoutPath(root, relPath);
  if (!joined) return { ok: false, file: relPath, why: `${relPath} is not a path inside the checkout` };
  let real: string;
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
    real = realpathSync(joined);
  } catch {
    return { ok: false, file: joined, why: `${relPath} does not exist in ${root}`, missing: true };
  }
  if (!isInside(realRoot, real)) return { ok: false, file: joined, why: `${relPath} leads outside the checkout (a link to ${real})` };
  try {
    if (!statSync(real).isFile()) return { ok: false, file: joined, why: `${relPath} is not a regular file` };
  } catch (e) {
    return { ok: false, file: joined, why: `${relPath} cannot be read: ${(e as Error).message}` };
  }
  let fd: number;
  try {
    // O_NONBLOCK: should the file be swapped for a FIFO after the stat, opening it must not wait for a writer
    fd = openSync(real, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    return { ok: false, file: joined, why: `${relPath} cannot be read: ${(e as Error).message}` };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { ok: false, file: joined, why: `${relPath} is not a regular file` };
    if (st.size > maxBytes) return { ok: false, file: joined, why: `${relPath} is ${st.size} bytes, more than the ${maxBytes} bytes a referenced file may have` };
    const buf = Buffer.alloc(st.size);
    let n = 0;
    while (n < st.size) {
      const got = readSync(fd, buf, n, st.size - n, n);
      if (got === 0) break;
      n += got;
    }
    return { ok: true, file: joined, text: buf.toString('utf8', 0, n) };
  } finally {
    closeSync(fd);
  }
}
