import type { LessonFromWebview } from '../../shared/protocol/lesson';
import { el } from '../common/vscodeApi';

/**
 * A lesson's code blocks get Copy and Open in Editor buttons (top right, shown on hover and when
 * focused), and a lesson with Python code gets Open as Notebook in its header. The code sent to the
 * host is the block's text as shown; the host treats it as text for an untitled editor only.
 */

type Post = (msg: LessonFromWebview) => void;

/** Fence names whose blocks become notebook cells (core/render/notebookCells.ts PYTHON_FENCES). */
const PYTHON = ['python', 'py', 'python3', 'py3'];
const SVG = 'http://www.w3.org/2000/svg';

/** The Copy button waiting for the host's answer (the webview's clipboard was refused). */
let pendingCopy: HTMLButtonElement | undefined;

export function enhanceCodeBlocks(post: Post): void {
  const main = document.getElementById('lesson');
  if (!main) return;
  let python = false;
  for (const pre of main.querySelectorAll<HTMLPreElement>('pre.hljs')) {
    if (pre.closest('.mermaid-block, .code-block')) continue;
    const code = pre.querySelector('code');
    const language = /(?:^|\s)language-([\w+#.-]+)/.exec(code?.className ?? '')?.[1];
    python ||= !!language && PYTHON.includes(language);
    const what = language ? `${language} code` : 'code';
    const copy = iconButton('copy', `Copy ${what}`, COPY_ICON);
    const open = iconButton('open', `Open ${what} in an editor beside the lesson`, OPEN_ICON);
    const text = () => code?.textContent ?? pre.textContent ?? '';
    copy.addEventListener('click', () => void copyText(copy, text(), post));
    open.addEventListener('click', () => post({ type: 'openCode', code: text(), ...(language ? { language } : {}) }));
    const block = el('div', { class: 'code-block' });
    pre.replaceWith(block);
    block.append(pre, el('div', { class: 'code-actions', role: 'toolbar', 'aria-label': `${what[0].toUpperCase()}${what.slice(1)} actions` }, copy, open));
  }
  if (python) addNotebookButton(post);
}

/** The host's answer to a copy the webview could not do itself. */
export function didCopyCode(ok: boolean): void {
  if (pendingCopy) showCopied(pendingCopy, ok, 'host');
  pendingCopy = undefined;
}

function addNotebookButton(post: Post): void {
  const meta = document.querySelector('.lesson-header .meta');
  if (!meta || meta.querySelector('#open-notebook')) return;
  // a short label keeps the header's buttons on one line; the accessible name says the whole action
  const button = el('button', {
    id: 'open-notebook', type: 'button', class: 'secondary', 'aria-label': 'Open as Notebook',
    title: 'Open as Notebook: the lesson\'s Python code blocks as a Jupyter notebook beside the lesson',
  }, 'Notebook');
  button.addEventListener('click', () => post({ type: 'openAsNotebook' }));
  meta.insertBefore(button, meta.querySelector('#mark-read'));
}

async function copyText(button: HTMLButtonElement, text: string, post: Post): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    showCopied(button, true, 'webview');
  } catch {
    // the webview may not be allowed the clipboard (no focus, a policy): the host has one
    pendingCopy = button;
    post({ type: 'copyCode', code: text });
  }
}

function showCopied(button: HTMLButtonElement, ok: boolean, by: 'webview' | 'host'): void {
  const actions = button.parentElement;
  if (!actions) return;
  actions.querySelector('.code-status')?.remove();
  // role=status: screen readers hear it without the focus moving
  const status = el('span', { class: `code-status${ok ? '' : ' failed'}`, role: 'status' }, ok ? 'Copied' : 'Copy failed');
  actions.prepend(status);
  button.dataset.copied = ok ? by : 'failed';
  button.classList.toggle('done', ok);
  setTimeout(() => {
    status.remove();
    button.classList.remove('done');
  }, 2000);
}

function iconButton(action: string, label: string, paths: readonly string[]): HTMLButtonElement {
  const button = el('button', { type: 'button', class: `code-action ${action}`, 'aria-label': label, title: label, 'data-action': action });
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('aria-hidden', 'true');
  for (const d of paths) {
    const path = document.createElementNS(SVG, 'path');
    path.setAttribute('d', d);
    svg.append(path);
  }
  button.append(svg);
  return button;
}

// 16×16 line icons drawn like the codicons (stroked with the icon colour)
const COPY_ICON = ['M10.5 3.5v-1a1 1 0 0 0-1-1h-6a1 1 0 0 0-1 1v8a1 1 0 0 0 1 1h1', 'M6.5 4.5h6a1 1 0 0 1 1 1v8a1 1 0 0 1-1 1h-6a1 1 0 0 1-1-1v-8a1 1 0 0 1 1-1z'];
const OPEN_ICON = ['M9.5 1.5h-6a1 1 0 0 0-1 1v11a1 1 0 0 0 1 1h9a1 1 0 0 0 1-1v-8z', 'M9.5 1.5v4h4', 'M5 10.5h5.5', 'M8.5 8.5l2 2-2 2'];
