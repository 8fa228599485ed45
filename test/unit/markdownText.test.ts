import { describe, expect, it } from 'vitest';
import { escapeMarkdown, lessonTooltipMarkdown } from '../../src/core/text/markdownText';

describe('tooltip markdown', () => {
  it('keeps spaces breakable (appendText turned them into &nbsp; and hovers broke words: "vari ance")', () => {
    const md = lessonTooltipMarkdown('Self-Attention', 'scaled so that the variance stays at one', false, ['Tokenization', 'Embeddings']);
    expect(md).not.toContain('&nbsp;');
    expect(md).toContain('scaled so that the variance stays at one');
    expect(md).toContain('Prerequisites: Tokenization, Embeddings');
  });

  it('escapes markdown so a summary cannot inject links, emphasis or HTML', () => {
    expect(escapeMarkdown('[x](command:evil) *a* <img> `c`')).toBe('\\[x\\]\\(command:evil\\) \\*a\\* \\<img\\> \\`c\\`');
    expect(lessonTooltipMarkdown('A_b', 's', true, [])).toBe('**A\\_b** — _planned_\n\ns');
  });
});

describe('plain text of card markdown', () => {
  it('hides cloze deletions, keeps link text, drops marks', async () => {
    const { plainText } = await import('../../src/core/text/markdownText');
    const md = 'The stream calls {{c1::`add_event`}} in [EventStream.add_event](code:openhands/openhands/events/stream.py#EventStream.add_event), cost $O(n^2)$ and **bold**.';
    expect(plainText(md)).toBe('The stream calls […] in EventStream.add_event, cost O(n^2) and bold.');
    expect(plainText(md, { reveal: true })).toContain('calls add_event in');
    expect(plainText('{{c1::a::hint}} and {{c2::\\frac{1}{2}}}')).toBe('[…] and […]');
  });

  it('returns text with no markup and single spaces as it is, exactly as the full rewrite would', async () => {
    const { plainText, rewritePlain } = await import('../../src/core/text/markdownText');
    const alphabet = ['a', 'b', ' ', ' ', '\t', '\n', '\u00a0', '*', '_', '`', '$', '[', ']', '(', ')', '{', '}', ':', 'c1', '!', '#', 'é'];
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    let unchanged = 0;
    for (let k = 0; k < 20_000; k++) {
      const s = Array.from({ length: 1 + rand(12) }, () => alphabet[rand(alphabet.length)]).join('');
      for (const reveal of [false, true]) expect(plainText(s, { reveal })).toBe(rewritePlain(s, reveal));
      if (plainText(s) === s) unchanged++;
    }
    expect(unchanged).toBeGreaterThan(1000);
  });
});
