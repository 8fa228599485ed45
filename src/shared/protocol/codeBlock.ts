/**
 * Messages of a lesson's code blocks (Copy, Open in Editor) and its Open as Notebook button,
 * part of the lesson protocol (src/shared/protocol/lesson.ts). The code comes from the webview and
 * is only ever text for a clipboard or an untitled editor; the host still bounds its size and the
 * language id before using them.
 */

/** A code block of a lesson can be no longer than the lesson (contentIndex's MAX_FILE_CHARS). */
export const MAX_CODE_CHARS = 512_000;
/** A fence's language name as the renderer writes it in `class="language-…"`. */
const LANGUAGE = /^[a-z0-9][a-z0-9+#._-]{0,31}$/i;

export type CodeBlockFromWebview =
  | { type: 'openAsNotebook' }
  /** Open the block in an untitled editor beside the lesson; `language` is the fence's name (absent: plain text). */
  | { type: 'openCode'; code: string; language?: string }
  /** The webview could not write the clipboard itself: the host does (`vscode.env.clipboard`). */
  | { type: 'copyCode'; code: string };

export type CodeBlockToWebview =
  /** The host's answer to `copyCode`. */
  | { type: 'didCopyCode'; ok: boolean };

/** Validate one of the messages above (untrusted); undefined when it is not one. */
export function parseCodeBlockMessage(m: Record<string, unknown>): CodeBlockFromWebview | undefined {
  switch (m.type) {
    case 'openAsNotebook':
      return { type: 'openAsNotebook' };
    case 'openCode':
      if (!isCode(m.code)) return undefined;
      if (m.language === undefined) return { type: 'openCode', code: m.code };
      return typeof m.language === 'string' && LANGUAGE.test(m.language) ? { type: 'openCode', code: m.code, language: m.language } : undefined;
    case 'copyCode':
      return isCode(m.code) ? { type: 'copyCode', code: m.code } : undefined;
    default:
      return undefined;
  }
}

function isCode(v: unknown): v is string {
  return typeof v === 'string' && v.length <= MAX_CODE_CHARS;
}
