/** A problem found in a content file. Lines are 1-based; core never throws on bad content, it reports. */
export interface ContentDiagnostic {
  file: string;
  line: number;
  severity: 'error' | 'warning';
  message: string;
  /** Stable machine-readable code, e.g. `frontmatter.yaml`, `lesson.duplicate-id`. */
  code: string;
}

export function diag(file: string, line: number, code: string, message: string, severity: ContentDiagnostic['severity'] = 'error'): ContentDiagnostic {
  // a line computed from hostile content must still point into the file
  return { file, line: Number.isFinite(line) ? Math.max(1, Math.floor(line)) : 1, severity, message, code };
}

/** `file:line: message` — the format of `check:content` and of the Problems panel's hover. */
export function formatDiagnostic(d: ContentDiagnostic, relativeTo?: (file: string) => string): string {
  const f = relativeTo ? relativeTo(d.file) : d.file;
  return `${f}:${d.line}: ${d.severity}: ${d.message} [${d.code}]`;
}
