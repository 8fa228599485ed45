import type { LessonFromWebview, LessonLinkView, LessonToWebview, LessonView, LessonWebviewState } from '../../shared/protocol/lesson';
import { CODE_REF_ANCHOR } from '../../shared/protocol/lesson';
import { createApi, el, forwardErrors, isDarkTheme, settings } from '../common/vscodeApi';
import { RecallAreas } from './recall';
import { mountExplorations } from './explore';
import { didCopyCode, enhanceCodeBlocks } from './codeBlocks';

// timing marks for the e2e's lesson-open measurement (script start, lesson received, lesson on screen)
performance.mark('lesson-script');
const api = createApi<LessonFromWebview, LessonWebviewState>();
const app = document.getElementById('app')!;
let current: LessonView | undefined;
let mermaidLoading: Promise<void> | undefined;

forwardErrors((message) => api.post({ type: 'reportError', message }));
const recall = new RecallAreas((msg) => api.post(msg), showRecallCounts);
(window as unknown as { mlLabTimings: { rateToNext: number[] } }).mlLabTimings = { rateToNext: recall.rateToNext };

/**
 * Messages about the page's parts (review areas, code references, read state) that arrive while a
 * long lesson's remainder is still to be attached: handled once it is (see show).
 */
let held: LessonToWebview[] | undefined;

window.addEventListener('message', (event: MessageEvent<LessonToWebview>) => {
  const msg = event.data;
  if (held && msg?.type !== 'didLoadLesson' && msg?.type !== 'didFail') held.push(msg);
  else receive(msg);
});

function receive(msg: LessonToWebview): void {
  switch (msg?.type) {
    case 'didLoadLesson':
      performance.mark('lesson-received');
      show(msg.lesson);
      break;
    case 'didChangeRead':
      if (current) {
        current.read = msg.read;
        updateReadButton();
      }
      break;
    case 'didResolveCodeRefs':
      for (const a of document.querySelectorAll<HTMLAnchorElement>('a[data-code-ref]')) {
        const status = msg.statuses[a.dataset.codeRef!];
        if (!status) continue;
        a.classList.toggle('unresolved', status.state === 'missing');
        a.classList.toggle('no-checkout', status.state === 'no-checkout');
        a.dataset.status = status.state;
        const base = a.dataset.baseTitle ?? a.title;
        a.dataset.baseTitle = base;
        a.title = status.state === 'missing' ? `Cannot resolve: ${status.why}` : status.state === 'no-checkout' ? `${base}\nNo checkout open: click to open it on the web or clone it` : `${base}\nClick to open beside the lesson`;
      }
      break;
    case 'didLoadRecall':
      recall.load(msg.areas);
      break;
    case 'didRevealRecall':
      recall.revealed(msg.cardId, msg.reveal);
      break;
    case 'didRateRecall':
      recall.rated(msg.cardId, msg.rating, msg.next, msg.canUndo);
      break;
    case 'didUndoRecall':
      recall.undone(msg.cardId, msg.card);
      break;
    case 'didCopyCode':
      didCopyCode(msg.ok);
      break;
    case 'didFail':
      shows++;
      held = undefined;
      app.replaceChildren(el('div', { class: 'error', role: 'alert' }, msg.message));
      break;
  }
}

/**
 * How much of the lesson's review areas is answered: a mark on the outline entry of each section
 * that holds an area, and a line at the end of the lesson.
 */
function showRecallCounts(): void {
  const { answered, total, byArea } = recall.counts();
  const perHeading = new Map<string, { answered: number; total: number }>();
  for (const a of byArea) {
    let h: Element | null = a.section.previousElementSibling;
    while (h && !/^H[1-6]$/.test(h.tagName)) h = h.previousElementSibling;
    const id = h?.id ?? '';
    const sum = perHeading.get(id) ?? { answered: 0, total: 0 };
    perHeading.set(id, { answered: sum.answered + a.answered, total: sum.total + a.total });
  }
  document.querySelectorAll('#outline .recall-badge').forEach((b) => b.remove());
  for (const [id, n] of perHeading) {
    const link = id ? document.querySelector<HTMLElement>(`#outline a[data-anchor="${CSS.escape(id)}"]`) : undefined;
    link?.after(el('span', { class: `recall-badge${n.answered === n.total ? ' complete' : ''}`, title: `Review area: ${n.answered} of ${n.total} cards answered`, 'aria-label': `review area, ${n.answered} of ${n.total} cards answered` }, `${n.answered}/${n.total}`));
  }
  const line = document.getElementById('recall-total');
  if (line) {
    line.textContent = total ? `${answered} of ${total} cards answered in this lesson` : '';
    line.hidden = !total;
  }
}

/** Characters of text in a long lesson's first part, attached and painted before the rest (a screen or two). */
const FIRST_PART_CHARS = 4000;
/** Bumped by every page shown: a pending remainder of the page before is dropped. */
let shows = 0;

/**
 * Show a lesson. One opened at its top paints its header and first screen of text first, and
 * attaches the rest (most of a long lesson: parsing is done, laying out 200-400 KB of KaTeX and
 * code is not) a task later; then the page is finished as a whole: explorations, code blocks,
 * diagrams, scroll, and the messages held meanwhile.
 */
function show(lesson: LessonView): void {
  // a scroll of the page shown until now is not saved as the new lesson's place
  clearTimeout(scrollTimer);
  const token = ++shows;
  held = undefined; // what was held was about the page before
  delete app.dataset.complete;
  const first = current?.id !== lesson.id;
  const keepScroll = first ? undefined : document.scrollingElement?.scrollTop;
  current = lesson;
  const saved = api.getState();
  const fraction = saved?.lessonId === lesson.id && typeof saved.scroll === 'number' ? saved.scroll : lesson.scroll;
  const page = layout(lesson);
  const rest = first && !lesson.anchor && !lesson.highlight?.length && !fraction ? detachAfterFirstPart(page) : undefined;
  app.replaceChildren(page);
  requestAnimationFrame(() => performance.mark('lesson-shown'));
  if (!rest) {
    finish(token, lesson, keepScroll, fraction);
    return;
  }
  held = [];
  // after the frame with the first part is painted
  requestAnimationFrame(() => setTimeout(() => {
    if (token !== shows) return;
    rest();
    const messages = held ?? [];
    held = undefined;
    finish(token, lesson, keepScroll, fraction);
    messages.forEach(receive);
  }, 0));
}

/**
 * Take out of the page what follows its first part (the lesson's top-level blocks after about
 * FIRST_PART_CHARS of text, and what follows the lesson); returns what puts them back, or nothing
 * when the lesson is short.
 */
function detachAfterFirstPart(page: HTMLElement): (() => void) | undefined {
  const main = page.querySelector('main#lesson');
  if (!main) return undefined;
  let chars = 0;
  let cut: Element | null = main.firstElementChild;
  while (cut && chars < FIRST_PART_CHARS) {
    chars += cut.textContent?.length ?? 0;
    cut = cut.nextElementSibling;
  }
  if (!cut) return undefined;
  const tail = document.createDocumentFragment();
  while (cut.nextSibling) tail.append(cut.nextSibling);
  tail.prepend(cut);
  const after = document.createDocumentFragment();
  while (main.nextSibling) after.append(main.nextSibling);
  return () => {
    main.append(tail);
    main.after(after);
  };
}

function finish(token: number, lesson: LessonView, keepScroll: number | undefined, fraction: number): void {
  mountExplorations(app, (message) => api.post({ type: 'reportError', message }));
  updateReadButton();
  markPlannedLinks(lesson.plannedLinks ?? []);
  enhanceCodeBlocks(api.post);
  outlineMath();
  if (lesson.hasMermaid) void renderMermaid();
  requestAnimationFrame(() => {
    if (token !== shows) return; // another page came meanwhile: its own finish scrolls it
    const root = document.scrollingElement!;
    if (lesson.anchor?.startsWith(CODE_REF_ANCHOR)) {
      showCodeRefParagraph(lesson.anchor.slice(CODE_REF_ANCHOR.length));
    } else if (lesson.anchor) {
      document.getElementById(lesson.anchor)?.scrollIntoView();
    } else if (lesson.highlight?.length) {
      // a search hit in the lesson's opening text or title: marked below, from the top
      root.scrollTop = 0;
    } else if (keepScroll !== undefined) {
      root.scrollTop = keepScroll;
    } else {
      root.scrollTop = fraction * Math.max(0, root.scrollHeight - root.clientHeight);
    }
    if (lesson.highlight?.length) highlightWords(lesson.highlight, lesson.anchor);
    else (CSS as unknown as { highlights?: Map<string, unknown> }).highlights?.delete('search-hit');
    api.setState({ lessonId: lesson.id, scroll: scrollFraction() });
    markCurrentSection();
    app.dataset.complete = lesson.id; // the whole page is there (tests wait for it)
    performance.mark('lesson-complete');
  });
}

/**
 * Mark the words a search matched, in the section it opened (from its heading to the next heading
 * of the same or a higher level), through the CSS Custom Highlight API: no change to the page's DOM.
 */
function highlightWords(words: readonly string[], anchor?: string): void {
  const registry = (CSS as unknown as { highlights?: Map<string, unknown> }).highlights;
  const HighlightCtor = (globalThis as unknown as { Highlight?: new (...ranges: Range[]) => unknown }).Highlight;
  if (!registry || !HighlightCtor) return;
  // a section: its heading up to the next heading of its level or above; no section: the header and the opening text
  const main = document.getElementById('lesson');
  const start = anchor ? document.getElementById(anchor) : main?.firstElementChild;
  if (!start) return;
  const level = anchor ? /^H([1-6])$/.exec(start.tagName)?.[1] : '6';
  const roots: Element[] = anchor ? [] : [...document.querySelectorAll('.lesson-header h1, .lesson-header .summary')];
  const ranges: Range[] = [];
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})[\\p{L}\\p{N}]*`, 'giu');
  for (let node: Element | null = start; node; node = node.nextElementSibling) {
    if ((node !== start || !anchor) && level && /^H[1-6]$/.test(node.tagName) && node.tagName.slice(1) <= level) break;
    roots.push(node);
  }
  for (const node of roots) {
    const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT, {
      acceptNode: (t) => (t.parentElement?.closest('.katex, pre, .mermaid-block') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
    });
    for (let t = walker.nextNode() as Text | null; t; t = walker.nextNode() as Text | null) {
      for (const m of t.data.matchAll(pattern)) {
        const r = document.createRange();
        r.setStart(t, m.index!);
        r.setEnd(t, m.index! + m[0].length);
        ranges.push(r);
      }
    }
  }
  registry.set('search-hit', new HighlightCtor(...ranges));
  document.body.dataset.searchHits = String(ranges.length);
}

function layout(l: LessonView): HTMLElement {
  const outline = el('nav', { id: 'outline', 'aria-label': 'Outline' }, el('h2', {}, 'On this page'));
  const list = el('ul');
  for (const h of l.outline) {
    list.append(el('li', { class: `level-${h.level}` }, el('a', { href: `#${h.id}`, 'data-anchor': h.id }, h.text)));
  }
  outline.append(list);

  const header = el('header', { class: 'lesson-header' },
    el('div', { class: 'breadcrumb' }, `${l.trackTitle} › ${l.stageTitle}`),
    el('h1', {}, l.title),
    el('p', { class: 'summary' }, l.summary),
    el('div', { class: 'meta' },
      ...[l.minutes ? `${l.minutes} min read` : '', `${l.cardCount} review card${l.cardCount === 1 ? '' : 's'}`, ...l.tags.map((t) => `#${t}`)]
        .filter(Boolean).map((t) => el('span', {}, t)),
      l.cardCount ? el('button', { id: 'review-lesson', type: 'button', class: 'secondary', title: 'Review this lesson\'s cards' }, 'Review cards') : '',
      el('button', { id: 'mark-read', type: 'button' }, 'Mark as read')),
  );
  if (l.prerequisites.length) {
    const pre = el('div', { id: 'prereqs' }, el('span', { class: 'label' }, 'Prerequisites: '));
    l.prerequisites.forEach((p, i) => {
      if (i) pre.append(', ');
      pre.append(lessonLink(p));
    });
    header.append(pre);
  }

  const main = el('main', { id: 'lesson', 'data-lesson': l.id });
  main.innerHTML = l.html; // produced host-side by markdown-it with raw HTML disabled

  const article = el('article', {}, header, main);
  if (l.sources.length) {
    const ol = el('ol', { class: 'source-links' });
    for (const s of l.sources) {
      const title = s.url ? el('a', { href: s.url, 'data-external': 'true' }, s.title) : el('span', {}, s.title);
      ol.append(el('li', {}, title, el('span', { class: 'detail' }, ` — ${s.detail}`)));
    }
    // a lesson that writes its own Sources section gets the links inside it, not a second Sources list
    const own = [...main.querySelectorAll('h2')].find((h) => h.textContent?.trim().toLowerCase() === 'sources');
    if (own) {
      let end: Element = own;
      while (end.nextElementSibling && end.nextElementSibling.tagName !== 'H2') end = end.nextElementSibling;
      end.after(el('h3', { id: 'source-links' }, 'Links'), ol);
    } else {
      article.append(el('section', { id: 'sources' }, el('h2', {}, 'Sources'), ol));
    }
  }
  // the end of the lesson: mark it read and go on, without scrolling back up
  const end = el('section', { class: 'lesson-end', 'aria-label': 'End of lesson' },
    el('p', { id: 'recall-total', class: 'recall-total', hidden: '' }),
    el('button', { id: 'mark-read-end', type: 'button', class: 'primary' }, 'Mark as read'),
    l.next ? el('span', { class: 'next-up' }, 'Next: ', pagerLink('next-end', '', l.next, ' →')) : '');
  const pager = el('footer', { class: 'pager' });
  pager.append(l.prev ? pagerLink('prev', '← ', l.prev, '', 'p') : el('span'));
  pager.append(l.next ? pagerLink('next', '', l.next, ' →', 'n') : el('span'));
  article.append(end, pager);
  return el('div', { class: 'layout' }, outline, article);
}

function lessonLink(p: LessonLinkView): HTMLElement {
  if (p.status === 'planned') return el('span', { class: 'planned', title: 'Planned lesson, not written yet' }, `${p.title} (planned)`);
  return el('a', { href: '#', 'data-lesson': p.id, class: p.read ? 'lesson-link read' : 'lesson-link' }, p.title);
}

function pagerLink(id: string, before: string, p: LessonLinkView, after = '', key?: string): HTMLElement {
  const a = el('a', { id, href: '#', 'data-lesson': p.id, ...(key ? { 'aria-keyshortcuts': key.toUpperCase(), title: `${p.title} (${key.toUpperCase()})` } : {}) }, `${before}${p.title}${after}`);
  if (key) a.append(el('kbd', {}, key.toUpperCase()));
  return a;
}

function updateReadButton(): void {
  if (!current) return;
  for (const button of document.querySelectorAll<HTMLElement>('#mark-read, #mark-read-end')) {
    button.textContent = current.read ? 'Read' : 'Mark as read';
    button.classList.toggle('is-read', current.read);
    button.setAttribute('aria-pressed', String(current.read));
    button.title = current.read ? 'Marked as read. Click to mark as unread.' : 'Mark this lesson as read';
  }
}

/** Links to lessons that are only planned look like it and say so when followed, in place. */
function markPlannedLinks(planned: readonly string[]): void {
  const set = new Set(planned);
  for (const a of document.querySelectorAll<HTMLAnchorElement>('main#lesson a[data-lesson]')) {
    if (!set.has(a.dataset.lesson!)) continue;
    a.classList.add('planned-link');
    a.setAttribute('aria-label', `${a.textContent ?? ''} (planned lesson, not written yet)`);
    a.title = 'Planned lesson: not written yet';
  }
}

function sayInPlace(anchor: HTMLElement, text: string): void {
  anchor.parentElement?.querySelector('.link-note')?.remove();
  const note = el('span', { class: 'link-note', role: 'status' }, text);
  anchor.after(note);
  setTimeout(() => note.remove(), 4000);
}

/** Outline entries show a heading's math as the heading does (KaTeX), not its TeX source. */
function outlineMath(): void {
  for (const a of document.querySelectorAll<HTMLAnchorElement>('#outline a[data-anchor]')) {
    const h = document.getElementById(a.dataset.anchor!);
    if (h?.querySelector('.katex')) a.replaceChildren(...[...h.childNodes].map((n) => n.cloneNode(true)));
  }
}

/** The outline marks the section being read: the last heading above the upper quarter of the view. */
function markCurrentSection(): void {
  const links = [...document.querySelectorAll<HTMLAnchorElement>('#outline a[data-anchor]')];
  const line = window.innerHeight / 4;
  let active: HTMLAnchorElement | undefined;
  for (const a of links) {
    const h = document.getElementById(a.dataset.anchor!);
    if (h && h.getBoundingClientRect().top <= line) active = a;
  }
  active ??= links[0];
  for (const a of links) {
    const on = a === active;
    a.classList.toggle('active', on);
    if (on) a.setAttribute('aria-current', 'location');
    else a.removeAttribute('aria-current');
  }
}

document.addEventListener('click', (event) => {
  const target = event.target as HTMLElement;
  if (target.closest('#review-lesson')) {
    api.post({ type: 'reviewLesson' });
    return;
  }
  if (target.closest('#mark-read, #mark-read-end')) {
    if (current) api.post({ type: 'setRead', lessonId: current.id, read: !current.read });
    return;
  }
  const a = target.closest('a');
  if (!a) return;
  // VS Code's webview script listens on the window and scrolls to the top for href="#": a link the
  // lesson handles never reaches it, so no click moves the page except to the link's target
  event.preventDefault();
  event.stopPropagation();
  if (a.classList.contains('planned-link')) {
    sayInPlace(a, ' — planned, not written yet');
  } else if (a.dataset.codeRef) {
    api.post({ type: 'openCodeRef', url: a.dataset.codeRef });
  } else if (a.dataset.lesson) {
    api.post({ type: 'openLesson', lessonId: a.dataset.lesson, anchor: a.dataset.anchor });
  } else if (a.dataset.external) {
    api.post({ type: 'openExternal', url: a.getAttribute('href')! });
  } else if (a.dataset.anchor) {
    const target = document.getElementById(a.dataset.anchor);
    target?.scrollIntoView({ behavior: 'smooth' });
    if (target && a.closest('#outline')) {
      target.setAttribute('tabindex', '-1');
      target.focus({ preventScroll: true }); // keyboard users continue reading from the section they chose
    }
  }
});

// N / P: next and previous lesson of the track
document.addEventListener('keydown', (e) => {
  if (e.ctrlKey || e.metaKey || e.altKey || (e.target as HTMLElement).closest('input, textarea, [contenteditable="true"]')) return;
  const key = e.key.toLowerCase();
  const link = key === 'n' ? current?.next : key === 'p' ? current?.prev : undefined;
  if (!link) return;
  e.preventDefault();
  api.post({ type: 'openLesson', lessonId: link.id });
});

function scrollFraction(): number {
  const root = document.scrollingElement!;
  const max = root.scrollHeight - root.clientHeight;
  return max > 0 ? Math.min(1, Math.max(0, root.scrollTop / max)) : 0;
}

let scrollTimer: ReturnType<typeof setTimeout> | undefined;
window.addEventListener('scroll', () => {
  clearTimeout(scrollTimer);
  requestAnimationFrame(markCurrentSection);
  scrollTimer = setTimeout(() => {
    if (!current) return;
    const fraction = scrollFraction();
    api.setState({ lessonId: current.id, scroll: fraction });
    api.post({ type: 'saveScroll', lessonId: current.id, fraction });
  }, 300);
}, { passive: true });

interface MermaidGlobal {
  render(nodes: HTMLElement[], dark: boolean): Promise<void>;
}

/** Load the mermaid bundle on first use (only lessons with diagrams pay for it) and draw every diagram. */
async function renderMermaid(): Promise<void> {
  mermaidLoading ??= new Promise<void>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = settings().mermaid;
    script.nonce = document.body.dataset.nonce ?? '';
    script.onload = () => resolve();
    script.onerror = () => reject(new Error('could not load the diagram renderer'));
    document.body.append(script);
  });
  const blocks = [...document.querySelectorAll<HTMLElement>('.mermaid-block')];
  try {
    await mermaidLoading;
    const mermaid = (window as unknown as { mlLabMermaid: MermaidGlobal }).mlLabMermaid;
    const nodes: HTMLElement[] = [];
    for (const block of blocks) {
      const source = block.dataset.source ?? block.querySelector('pre')?.textContent ?? '';
      block.dataset.source = source;
      const node = el('div', { class: 'mermaid' }, source);
      block.replaceChildren(node);
      nodes.push(node);
    }
    await mermaid.render(nodes, isDarkTheme());
    widenDiagrams();
  } catch (e) {
    for (const block of blocks) {
      if (!block.querySelector('svg')) {
        block.append(el('div', { class: 'mermaid-error', role: 'alert' }, `Diagram could not be drawn: ${e instanceof Error ? e.message : String(e)}`));
      }
    }
    api.post({ type: 'reportError', message: `mermaid: ${String(e)}` });
  }
}

/**
 * A diagram wider than the text column (a sequence diagram with six participants) may use the room
 * to the right of the column, up to the panel's edge; mermaid's own scaling and the block's sideways
 * scroll handle what is still too wide.
 */
function widenDiagrams(): void {
  const panel = document.documentElement.clientWidth;
  for (const block of document.querySelectorAll<HTMLElement>('.mermaid-block')) {
    const natural = block.querySelector('svg')?.viewBox.baseVal?.width ?? 0;
    const column = block.parentElement?.clientWidth ?? 0;
    const room = panel - block.getBoundingClientRect().left - 16;
    block.style.width = natural > column && room > column ? `${Math.round(Math.min(natural, room))}px` : '';
    // still wider than its block: a fading edge and a hint say that it scrolls sideways
    const scrolls = block.scrollWidth > block.clientWidth + 1;
    block.classList.toggle('scrolls', scrolls);
    if (scrolls) {
      block.setAttribute('tabindex', '0');
      block.setAttribute('aria-label', 'Diagram, wider than the panel: scroll sideways to see all of it');
      if (!block.nextElementSibling?.classList.contains('scroll-hint')) block.after(el('p', { class: 'scroll-hint' }, 'Wider than the panel: scroll sideways (Shift+wheel, or focus it and use ← →) →'));
    } else if (block.nextElementSibling?.classList.contains('scroll-hint')) {
      block.nextElementSibling.remove();
    }
  }
}
let widenQueued = false;
window.addEventListener('resize', () => {
  if (widenQueued) return;
  widenQueued = true;
  requestAnimationFrame(() => { widenQueued = false; widenDiagrams(); });
});

// redraw diagrams when the VS Code theme changes between light and dark
new MutationObserver(() => {
  if (current?.hasMermaid) void renderMermaid();
}).observe(document.body, { attributes: true, attributeFilter: ['class'] });

api.post({ type: 'ready' });

/** Scroll to the paragraph (or list item, table cell) that cites a code reference, and mark it for a moment. */
function showCodeRefParagraph(url: string): void {
  const link = [...document.querySelectorAll<HTMLAnchorElement>('a[data-code-ref]')].find((a) => a.dataset.codeRef === url);
  const block = link?.closest<HTMLElement>('p, li, td, blockquote, h2, h3') ?? link;
  if (!block) return;
  block.scrollIntoView({ block: 'center' });
  block.classList.add('cited');
  setTimeout(() => block.classList.remove('cited'), 4000);
}
