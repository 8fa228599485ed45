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
  reader.start(text);
  while (reader.next()) out.push(unitsString(reader.units, reader.len));
  return out;
}

/**
 * Per UTF-16 code unit: its lowercase form if it is a letter or digit, else 0 (ASCII filled here,
 * the rest on first use).
 */
const WORD_CODE = new Int32Array(65536).fill(-1);
for (let c = 0; c < 128; c++) WORD_CODE[c] = c >= 97 && c <= 122 ? c : c >= 65 && c <= 90 ? c + 32 : c >= 48 && c <= 57 ? c : 0;
const WORD_CHAR = /[\p{L}\p{N}]/u;

function wordCode(c: number): number {
  let v = WORD_CODE[c];
  if (v === -1) {
    const ch = String.fromCharCode(c);
    // a letter whose lowercase is two code units (U+0130) keeps its first: queries split the same way
    WORD_CODE[c] = v = WORD_CHAR.test(ch) ? ch.toLowerCase().charCodeAt(0) : 0;
  }
  return v;
}

const UTF16 = new TextDecoder('utf-16le');

function unitsString(units: Uint16Array, len: number): string {
  return len <= 256 ? String.fromCharCode.apply(null, units.subarray(0, len) as unknown as number[]) : UTF16.decode(units.subarray(0, len));
}

const UTF8 = new TextEncoder();

/**
 * The one word splitter of search (queries and the index agree by construction). `next` reads the
 * next word of the text `start` was given: its lowercased UTF-16 code units are `units[0, len)`
 * (valid until the next call) and `hash` is their fnv1a hash. The text is read as UTF-8 bytes the
 * engine writes in one native call, so the loop sees one kind of array whatever kind of string
 * (one- or two-byte, sliced, joined) it was given, and no string is made per word (tokenizing is
 * most of the time an index build takes).
 */
class WordReader {
  units = new Uint16Array(256);
  len = 0;
  hash = 0;
  private bytes = new Uint8Array(1 << 16);
  private at = 0;
  private end = 0;

  start(text: string): void {
    if (this.bytes.length < text.length * 3) this.bytes = new Uint8Array(text.length * 3);
    this.end = UTF8.encodeInto(text, this.bytes).written;
    this.at = 0;
  }

  next(): boolean {
    const b = this.bytes;
    const n = this.end;
    let units = this.units;
    let i = this.at;
    let len = 0;
    let digit = false;
    let hash = 0x811c9dc5 | 0;
    while (i <= n) {
      let c = 0;
      if (i === n) i++;
      else {
        const x = b[i];
        if (x < 0x80) {
          c = WORD_CODE[x];
          i++;
        } else if (x < 0xe0) {
          c = wordCode(((x & 0x1f) << 6) | (b[i + 1] & 0x3f));
          i += 2;
        } else if (x < 0xf0) {
          c = wordCode(((x & 0x0f) << 12) | ((b[i + 1] & 0x3f) << 6) | (b[i + 2] & 0x3f));
          i += 3;
        } else i += 4; // beyond the BMP: a separator, as each of its surrogate halves was
      }
      if (c !== 0) {
        if (c >= 48 && c <= 57) digit = true;
        hash = Math.imul(hash ^ c, 0x01000193);
        if (len === units.length) {
          const grown = new Uint16Array(len * 2);
          grown.set(units);
          units = this.units = grown;
        }
        units[len++] = c;
      } else if (len !== 0) {
        if (len > 1 || digit) {
          this.at = i;
          this.len = len;
          this.hash = hash;
          return true;
        }
        len = 0;
        digit = false;
        hash = 0x811c9dc5 | 0;
      }
    }
    this.at = i;
    return false;
  }
}

/** Shared by queries and builds (none of them yields while reading). */
const reader = new WordReader();

/** A title or heading word counts as this many body words. */
const TITLE_WEIGHT = 4;
/** A query word expands to at most this many indexed words that start with it. */
const MAX_EXPANSIONS = 256;
const SNIPPET_BEFORE = 50;
const SNIPPET_LENGTH = 160;

/**
 * The index's words, interned: a word is looked up by its code units (hash, then compare with the
 * copy kept in one pool), so only a word seen for the first time becomes a string. Building an
 * index of 10,000 lessons otherwise made millions of short-lived strings, and spent most of its
 * time collecting them.
 */
class Vocabulary {
  readonly words: string[] = [];
  private hashes = new Int32Array(1024);
  /** Word id's code units are pool[starts[id], starts[id + 1]). */
  private starts = new Int32Array(1025);
  private pool = new Uint16Array(1 << 14);
  private slots = new Int32Array(4096).fill(-1);

  /** The id of the word `units[0, len)`, added if new. `hash` is fnv1a of those code units. */
  intern(units: Uint16Array, len: number, hash: number): number {
    const mask = this.slots.length - 1;
    const pool = this.pool;
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const id = this.slots[i];
      if (id === -1) return this.add(units, len, hash, i);
      if (this.hashes[id] !== hash) continue;
      const at = this.starts[id];
      if (this.starts[id + 1] - at !== len) continue;
      let k = 0;
      while (k < len && pool[at + k] === units[k]) k++;
      if (k === len) return id;
    }
  }

  private add(units: Uint16Array, len: number, hash: number, slot: number): number {
    const id = this.words.length;
    this.words.push(unitsString(units, len));
    if (id + 1 === this.hashes.length) {
      this.hashes = growInts(this.hashes, this.hashes.length * 2);
      this.starts = growInts(this.starts, this.hashes.length + 1);
    }
    const at = this.starts[id];
    if (at + len > this.pool.length) {
      const pool = new Uint16Array(Math.max(this.pool.length * 2, at + len));
      pool.set(this.pool);
      this.pool = pool;
    }
    this.pool.set(units.subarray(0, len), at);
    this.starts[id + 1] = at + len;
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

function growInts(a: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(size);
  b.set(a);
  return b;
}

const CHUNK_BITS = 15;
const CHUNK = 1 << CHUNK_BITS;

/**
 * Postings as the builder collects them: one (word, document, weighted count) triple per word per
 * document, in document order, in fixed chunks of one flat array (one array per word meant
 * millions of small typed arrays growing and being collected; one growing array, copies of tens of
 * megabytes). `done` sorts them by word into the index's layout.
 */
class PostingCollector {
  readonly chunks: Int32Array[] = [];
  length = 0;
  /** Per word id: the document it was last added for, and where (to count a repeat in place). */
  private lastDoc = new Int32Array(1024).fill(-1);
  private lastAt = new Int32Array(1024);

  add(w: number, doc: number, weight: number): void {
    if (w >= this.lastDoc.length) {
      const size = Math.max(w + 1, this.lastDoc.length * 2);
      const last = new Int32Array(size).fill(-1);
      last.set(this.lastDoc);
      this.lastDoc = last;
      this.lastAt = growInts(this.lastAt, size);
    }
    if (this.lastDoc[w] === doc) {
      const at = this.lastAt[w];
      this.chunks[at >>> CHUNK_BITS][(at & (CHUNK - 1)) * 3 + 2] += weight;
      return;
    }
    const n = this.length;
    const off = n & (CHUNK - 1);
    if (off === 0) this.chunks.push(new Int32Array(CHUNK * 3));
    const chunk = this.chunks[n >>> CHUNK_BITS];
    chunk[off * 3] = w;
    chunk[off * 3 + 1] = doc;
    chunk[off * 3 + 2] = weight;
    this.lastDoc[w] = doc;
    this.lastAt[w] = n;
    this.length = n + 1;
  }
}

export class SearchIndex {
  private readonly vocab = new Vocabulary();
  /** Postings grouped by word: word w's are at [start[w], start[w + 1]), documents ascending, each once, with its weighted count. */
  private start = new Int32Array(1);
  private postDocs = new Int32Array(0);
  private postTf = new Int32Array(0);
  /** Word ids in the order of their words (for prefix lookups), made on the first search. */
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
    let postings: PostingCollector | undefined = new PostingCollector();
    return {
      add: (doc) => {
        if (!postings) throw new Error('SearchIndex.builder: add after done');
        docs.push(doc);
        index.addDoc(doc, docs.length - 1, postings);
      },
      done: () => {
        if (postings) index.group(postings);
        postings = undefined;
        return index;
      },
    };
  }

  private addDoc(doc: SearchDoc, id: number, postings: PostingCollector): void {
    const vocab = this.vocab;
    reader.start(doc.title);
    while (reader.next()) postings.add(vocab.intern(reader.units, reader.len, reader.hash), id, TITLE_WEIGHT);
    reader.start(doc.text);
    while (reader.next()) postings.add(vocab.intern(reader.units, reader.len, reader.hash), id, 1);
  }

  /** Sort the collected postings by word (a counting sort: stable, so each word's documents stay ascending). */
  private group(p: PostingCollector): void {
    const start = new Int32Array(this.vocab.words.length + 1);
    const chunkLength = (c: number) => Math.min(CHUNK, p.length - c * CHUNK) * 3;
    for (let c = 0; c < p.chunks.length; c++) {
      const chunk = p.chunks[c];
      for (let i = 0, m = chunkLength(c); i < m; i += 3) start[chunk[i] + 1]++;
    }
    for (let w = 1; w < start.length; w++) start[w] += start[w - 1];
    const at = start.slice(0, -1);
    const docs = new Int32Array(p.length);
    const tf = new Int32Array(p.length);
    for (let c = 0; c < p.chunks.length; c++) {
      const chunk = p.chunks[c];
      for (let i = 0, m = chunkLength(c); i < m; i += 3) {
        const k = at[chunk[i]]++;
        docs[k] = chunk[i + 1];
        tf[k] = chunk[i + 2];
      }
    }
    this.start = start;
    this.postDocs = docs;
    this.postTf = tf;
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
    const docs = this.postDocs;
    const tf = this.postTf;
    for (const w of this.expand(term)) {
      const from = this.start[w];
      const to = this.start[w + 1];
      const idf = Math.log(1 + this.docs.length / (to - from));
      const exact = this.vocab.words[w] === term ? 2 : 1;
      for (let k = from; k < to; k++) {
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
