import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCodeRef } from '../../src/core/sources/codeRef';
import { findSymbol } from '../../src/core/sources/symbolSearch';
import { checkoutPath, isInside, readCheckoutFile } from '../../src/node/checkoutFile';

// Attacks on code references (issue 10, items 15-17): each of these once escaped the checkout,
// hung the extension host, or took seconds on every lesson open.

function checkout(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'mllab-co-'));
  mkdirSync(path.join(root, 'pkg'));
  writeFileSync(path.join(root, 'pkg', 'stream.py'), 'class EventStream:\n    def add_event(self, e):\n        pass\n');
  return root;
}

describe('reading a referenced file stays inside the checkout', () => {
  it('reads a regular file inside the checkout', () => {
    const r = readCheckoutFile(checkout(), 'pkg/stream.py');
    expect(r.ok && r.text).toContain('def add_event');
  });

  it('does not follow a symlink out of the checkout (code:r/etc-link/passwd opened /etc/passwd)', () => {
    const root = checkout();
    symlinkSync('/etc', path.join(root, 'etc-link'));
    const r = readCheckoutFile(root, 'etc-link/passwd');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.why).toMatch(/outside the checkout/);
  });

  it('does not read a device through a symlink (a link to /dev/zero read until the process aborted)', () => {
    const root = checkout();
    symlinkSync('/dev/zero', path.join(root, 'zero.py'));
    const r = readCheckoutFile(root, 'zero.py');
    expect(r.ok).toBe(false);
  });

  it('refuses a device or directory inside the checkout too, without reading it', () => {
    const root = checkout();
    // a checkout whose root itself resolves to /dev: the device is "inside", and still not read
    expect(readCheckoutFile('/dev', 'zero').ok).toBe(false);
    expect(readCheckoutFile(root, 'pkg').ok).toBe(false);
  });

  it('does not hang on a FIFO inside the checkout', () => {
    const root = checkout();
    try {
      execFileSync('mkfifo', [path.join(root, 'pipe.py')]);
    } catch {
      return; // no mkfifo on this platform
    }
    const r = readCheckoutFile(root, 'pipe.py');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.why).toMatch(/not a regular file/);
  });

  it('caps the size it reads', () => {
    const root = checkout();
    writeFileSync(path.join(root, 'big.py'), 'x'.repeat(2048));
    const r = readCheckoutFile(root, 'big.py', 1024);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.why).toMatch(/more than the 1024 bytes/);
  });

  it('reports a missing file as missing', () => {
    const r = readCheckoutFile(checkout(), 'pkg/nope.py');
    expect(!r.ok && r.missing).toBe(true);
  });
});

describe('Windows paths cannot leave the checkout', () => {
  it('parseCodeRef rejects backslashes, encoded backslashes, drive letters and NULs', () => {
    for (const url of [
      'code:r/..\\..\\secret',
      'code:r/a%5C..%5C..%5Csecret',
      'code:r/C:/Windows/win.ini',
      'code:r/a/C:%5Cx',
      'code:r/a%00b',
    ]) expect(parseCodeRef(url), url).toBeUndefined();
    expect(parseCodeRef('code:r/pkg/stream.py#EventStream')?.path).toBe('pkg/stream.py');
  });

  it('the join is checked for containment with the platform rules (simulated with path.win32)', () => {
    expect(checkoutPath('C:\\co', '..\\..\\secret', path.win32)).toBeUndefined();
    expect(checkoutPath('C:\\co', 'D:/secret', path.win32)).toBeUndefined();
    expect(checkoutPath('C:\\co', 'pkg/stream.py', path.win32)).toBe('C:\\co\\pkg\\stream.py');
    expect(isInside('C:\\co', 'C:\\co-evil\\x', path.win32)).toBe(false);
    expect(isInside('C:\\co', 'D:\\co\\x', path.win32)).toBe(false);
    expect(isInside('/co', '/co/../etc/passwd')).toBe(false);
    expect(isInside('/co', '/co/..x/y')).toBe(true); // a folder named "..x" is inside
  });
});

describe('symbol search is linear on long whitespace lines', () => {
  // Before: a 40k-space line took 2.9 s and a 100k-space line 14.5 s (nested whitespace quantifiers).
  const budgetMs = 1000; // the linear search takes a few ms; the quadratic one took seconds
  it('a 100k-space line', () => {
    const text = `x = 1\n${' '.repeat(100_000)}\ndef target(a):\n    pass\n`;
    const t0 = performance.now();
    expect(findSymbol(text, 'target')?.line).toBe(3);
    expect(findSymbol(text, 'missing')).toBeUndefined();
    expect(performance.now() - t0).toBeLessThan(budgetMs);
  });

  it('a name followed by 100k spaces and modifiers separated by long runs', () => {
    const text = [`target${' '.repeat(100_000)}x`, `public${' '.repeat(50_000)}static${' '.repeat(50_000)}`, 'function target() {}'].join('\n');
    const t0 = performance.now();
    expect(findSymbol(text, 'target')?.line).toBe(3);
    expect(performance.now() - t0).toBeLessThan(budgetMs);
  });
});

describe('fuzz: no parsed reference path joins to a place outside the checkout', () => {
  it('holds for 5,000 random paths under POSIX and Windows rules', () => {
    const atoms = ['..', '.', 'a', 'b.py', '\\', '%5C', '%2F', '%2E%2E', 'C:', '/', '//', '%00', ' ', '~', 'x:y', '..\\..', '%5c..'];
    let seed = 12345;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
    for (let i = 0; i < 5000; i++) {
      const raw = Array.from({ length: 1 + rand(6) }, () => atoms[rand(atoms.length)]).join(rand(2) ? '/' : '');
      const ref = parseCodeRef(`code:r/${raw}`);
      if (!ref) continue;
      for (const [root, api] of [['/co', path.posix], ['C:\\co', path.win32]] as const) {
        const joined = api.join(root, ...ref.path.split('/'));
        expect(isInside(root, joined, api), `${raw} → ${joined}`).toBe(true);
        const checked = checkoutPath(root, ref.path, api);
        if (checked) expect(isInside(root, checked, api)).toBe(true);
      }
    }
  });
});
