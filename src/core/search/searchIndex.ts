/**
 * Full-text search over lesson prose, headings and cards: an inverted index from words to the
 * documents holding them. A document is a section of a lesson (the text under one heading), a
 * lesson's title block, or a card. Every query word matches as a prefix (results appear while the
 * learner types), all of them must occur (AND), and documents rank by tf-idf with title and heading
 * words counting more.
 */
export type SearchDocKind = 'lesson' | 'section' | 'card';

export interface SearchDoc {
  kind: SearchDocKind;
  /** The lesson it belongs to (a card's deck lesson, if any). */
  lessonId?: string;
  /** Heading id (as the renderer makes it) of a section. */
  anchor?: string;
  cardId?: string;
  /** Lesson title, section heading or card front (its words count more). */
  title: string;
  /** Text searched (markdown is fine: its punctuation separates words). */
  text: string;
  /** Title and text as results show them, when they are not plain already (made only for the documents a query returns). */
  display?: () => { title: string; text: string };
}

export interface SearchHit {
  doc: SearchDoc;
  /** The document's title as plain text. */
  title: string;
  score: number;
  /** Text around the first match, with the matched ranges in it ([start, end) offsets). */
  snippet: { text: string; marks: [number, number][] };
}

/** Words: runs of letters and digits, lowercased. One-letter words are left out (too common to help). */
export function words(text: string): string[] {
  const out: string[] = [];
  scanWords(text, (lower, start, end) => out.push(lower.slice(start, end)));
  return out;
}

/** Whether each UTF-16 code unit above 127 is a letter or digit (filled on first use). */
const WIDE = new Int8Array(65536);
const WORD_CHAR = /[\p{L}\p{N}]/u;

function isWideWordCode(c: number): boolean {
  let v = WIDE[c];
  if (v === 0) WIDE[c] = v = WORD_CHAR.test(String.fromCharCode(c)) ? 1 : -1;
  return v === 1;
}

/**
 * The one word splitter of search (queries and the index agree by construction): calls `fn` with
 * each word of `text` as a range of its lowercased form, with the word's fnv1a hash. One pass, no
 * regex for ASCII and no string per word (tokenizing is most of the time an index build takes).
 */
function scanWords(text: string, fn: (lower: string, start: number, end: number, hash: number) => void): void {
  const lower = text.toLowerCase();
  const n = lower.length;
  let start = -1;
  let digit = false;
  let hash = 0;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? lower.charCodeAt(i) : 32;
    const isDigit = c >= 48 && c <= 57;
    if ((c >= 97 && c <= 122) || isDigit || (c >= 128 && isWideWordCode(c))) {
      if (start === -1) {
        start = i;
        digit = false;
        hash = 0x811c9dc5 | 0;
      }
      if (isDigit) digit = true;
      hash = Math.imul(hash ^ c, 0x01000193);
    } else if (start !== -1) {
      if (i - start > 1 || digit) fn(lower, start, i, hash);
      start = -1;
    }
  }
}

/** A title or heading word counts as this many body words. */
const TITLE_WEIGHT = 4;
/** A query word expands to at most this many indexed words that start with it. */
const MAX_EXPANSIONS = 256;
const SNIPPET_BEFORE = 50;
const SNIPPET_LENGTH = 160;

/**
 * The index's words, interned: a word is looked up straight from the text it occurs in (hash and
 * compare over the characters), so only a word seen for the first time becomes a string. Building
 * an index of 10,000 lessons otherwise made millions of short-lived strings, and spent most of its
 * time collecting them.
 */
class Vocabulary {
  readonly words: string[] = [];
  private hashes: Int32Array = new Int32Array(1024);
  private slots: Int32Array = new Int32Array(4096).fill(-1);

  /** The id of `lower[start, end)`, added if new. `hash` is fnv1a of those characters. */
  intern(lower: string, start: number, end: number, hash: number): number {
    const mask = this.slots.length - 1;
    const len = end - start;
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const id = this.slots[i];
      if (id === -1) return this.add(lower.slice(start, end), hash, i);
      if (this.hashes[id] !== hash) continue;
      const w = this.words[id];
      if (w.length !== len) continue;
      let k = 0;
      while (k < len && w.charCodeAt(k) === lower.charCodeAt(start + k)) k++;
      if (k === len) return id;
    }
  }

  private add(word: string, hash: number, slot: number): number {
    const id = this.words.length;
    this.words.push(word);
    if (id === this.hashes.length) this.hashes = growInts(this.hashes, id * 2);
    this.hashes[id] = hash;
    this.slots[slot] = id;
    // keep the table at most half full
    if (this.words.length * 2 > this.slots.length) {
      const slots = new Int32Array(this.slots.length * 2).fill(-1);
      const mask = slots.length - 1;
      for (let w = 0; w < this.words.length; w++) {
        let i = this.hashes[w] & mask;
        while (slots[i] !== -1) i = (i + 1) & mask;
        slots[i] = w;
      }
      this.slots = slots;
    }
    return id;
  }
}

function growInts(a: Int32Array, size: number): Int32Array {
  const b = new Int32Array(size);
  b.set(a);
  return b;
}

function growFloats(a: Float64Array, size: number): Float64Array {
  const b = new Float64Array(size);
  b.set(a);
  return b;
}

export class SearchIndex {
  private readonly vocab = new Vocabulary();
  /** Per word id: the documents holding it (ascending, each once) and its weighted count in each. */
  private postDocs: Int32Array[] = [];
  private postTf: Float64Array[] = [];
  private postLen: number[] = [];
  /** Word ids in the order of their words (for prefix lookups), made on the first search after a change. */
  private sorted?: number[];

  private constructor(readonly docs: readonly SearchDoc[]) {}

  static build(docs: readonly SearchDoc[]): SearchIndex {
    const b = SearchIndex.builder();
    for (const doc of docs) b.add(doc);
    return b.done();
  }

  /** Add documents a few at a time (a host can yield between them), then take the index. */
  static builder(): { add(doc: SearchDoc): void; done(): SearchIndex } {
    const docs: SearchDoc[] = [];
    const index = new SearchIndex(docs);
    return {
      add: (doc) => {
        docs.push(doc);
        index.addDoc(doc, docs.length - 1);
      },
      done: () => index,
    };
  }

  private addDoc(doc: SearchDoc, id: number): void {
    let weight = TITLE_WEIGHT;
    const add = (w: number) => {
      if (w === this.postDocs.length) {
        this.postDocs.push(new Int32Array(8));
        this.postTf.push(new Float64Array(8));
        this.postLen.push(0);
      }
      const n = this.postLen[w];
      let docs = this.postDocs[w];
      if (n > 0 && docs[n - 1] === id) {
        this.postTf[w][n - 1] += weight;
        return;
      }
      if (n === docs.length) {
        docs = this.postDocs[w] = growInts(docs, n * 2);
        this.postTf[w] = growFloats(this.postTf[w], n * 2);
      }
      docs[n] = id;
      this.postTf[w][n] = weight;
      this.postLen[w] = n + 1;
    };
    const addWord = (lower: string, start: number, end: number, hash: number) => add(this.vocab.intern(lower, start, end, hash));
    scanWords(doc.title, addWord);
    weight = 1;
    scanWords(doc.text, addWord);
    this.sorted = undefined;
  }

  get size(): number {
    return this.docs.length;
  }

  /** Documents holding every query word (as a prefix), best first. */
  search(query: string, limit = 50): SearchHit[] {
    const terms = [...new Set(words(query))];
    if (!terms.length) return [];
    let scores: Map<number, number> | undefined;
    for (const term of terms) {
      const found = this.termScores(term);
      if (!scores) scores = found;
      else {
        const next = new Map<number, number>();
        for (const [id, s] of scores) {
          const add = found.get(id);
          if (add !== undefined) next.set(id, s + add);
        }
        scores = next;
      }
      if (!scores.size) return [];
    }
    return [...scores!]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, limit)
      .map(([id, score]) => {
        const doc = this.docs[id];
        const shown = doc.display?.() ?? doc;
        return { doc, title: shown.title, score, snippet: snippet(shown.text, terms) };
      });
  }

  /** Per document, the tf-idf of the indexed words starting with `term` (an exact word counts double). */
  private termScores(term: string): Map<number, number> {
    const out = new Map<number, number>();
    for (const w of this.expand(term)) {
      const n = this.postLen[w];
      const docs = this.postDocs[w];
      const tf = this.postTf[w];
      const idf = Math.log(1 + this.docs.length / n);
      const exact = this.vocab.words[w] === term ? 2 : 1;
      for (let k = 0; k < n; k++) {
        const s = exact * idf * (1 + Math.log(tf[k]));
        const prev = out.get(docs[k]);
        if (prev === undefined || s > prev) out.set(docs[k], s);
      }
    }
    return out;
  }

  /** Ids of the indexed words that start with `term`. */
  private expand(term: string): number[] {
    const words = this.vocab.words;
    const sorted = (this.sorted ??= words.map((_, i) => i).sort((a, b) => (words[a] < words[b] ? -1 : words[a] > words[b] ? 1 : 0)));
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (words[sorted[mid]] < term) lo = mid + 1;
      else hi = mid;
    }
    const out: number[] = [];
    for (let i = lo; i < sorted.length && words[sorted[i]].startsWith(term) && out.length < MAX_EXPANSIONS; i++) out.push(sorted[i]);
    return out;
  }
}

/** The text around the first place a query word starts a word, with every query-word match in it marked. */
export function snippet(text: string, terms: readonly string[]): SearchHit['snippet'] {
  const lower = text.toLowerCase();
  const starts = (i: number) => i === 0 || !/[\p{L}\p{N}]/u.test(lower[i - 1]);
  let first = -1;
  for (const t of terms) {
    for (let i = lower.indexOf(t); i !== -1; i = lower.indexOf(t, i + 1)) {
      if (starts(i)) {
        if (first === -1 || i < first) first = i;
        break;
      }
    }
  }
  let from = first === -1 ? 0 : Math.max(0, first - SNIPPET_BEFORE);
  // start at a word boundary
  if (from > 0) {
    const space = text.indexOf(' ', from);
    if (space !== -1 && space < (first === -1 ? from + 20 : first)) from = space + 1;
  }
  const to = Math.min(text.length, from + SNIPPET_LENGTH);
  const part = text.slice(from, to);
  const partLower = part.toLowerCase();
  const marks: [number, number][] = [];
  for (const t of terms) {
    for (let i = partLower.indexOf(t); i !== -1; i = partLower.indexOf(t, i + t.length)) {
      if (i === 0 ? from === 0 || !/[\p{L}\p{N}]/u.test(lower[from - 1]) : !/[\p{L}\p{N}]/u.test(partLower[i - 1])) {
        let end = i + t.length;
        while (end < partLower.length && /[\p{L}\p{N}]/u.test(partLower[end])) end++;
        marks.push([i, end]);
      }
    }
  }
  marks.sort((a, b) => a[0] - b[0]);
  const prefix = from > 0 ? '…' : '';
  const suffix = to < text.length ? '…' : '';
  return { text: prefix + part + suffix, marks: mergeMarks(marks).map(([a, b]) => [a + prefix.length, b + prefix.length]) };
}

function mergeMarks(marks: [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  for (const m of marks) {
    const last = out[out.length - 1];
    if (last && m[0] <= last[1]) last[1] = Math.max(last[1], m[1]);
    else out.push([...m]);
  }
  return out;
}
