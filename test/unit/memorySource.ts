import type { ContentSource } from '../../src/core/ports';

/** An in-memory content root for tests: `/root/...` paths mapped to file text. */
export class MemorySource implements ContentSource {
  readonly files = new Map<string, string>();
  reads = 0;

  constructor(files: Record<string, string> = {}) {
    for (const [p, t] of Object.entries(files)) this.files.set(p, t);
  }

  listFiles(root: string): string[] {
    return [...this.files.keys()].filter((p) => p.startsWith(root + '/'));
  }

  readFile(path: string): string {
    this.reads++;
    const t = this.files.get(path);
    if (t === undefined) throw new Error(`ENOENT: ${path}`);
    return t;
  }
}

export function lessonFile(fields: Record<string, unknown>, body = '\n# Body\n\nText.\n'): string {
  const yaml = Object.entries(fields)
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? `[${v.join(', ')}]` : String(v)}`)
    .join('\n');
  return `---\n${yaml}\n---\n${body}`;
}
