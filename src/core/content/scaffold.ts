/**
 * A starter content root: a track with one stage, a lesson in the lesson anatomy and a deck with one
 * card of each type, all passing the content check, so a new author edits working examples rather
 * than starting from a blank page and the format reference.
 */
export interface ScaffoldFile {
  path: string; // relative to the content root, `/`-separated
  text: string;
}

export function slugify(name: string): string {
  return name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'my-track';
}

export function scaffoldContentRoot(trackTitle: string): ScaffoldFile[] {
  const track = slugify(trackTitle);
  const stage = `${track}-basics`;
  const lesson = `${track}-first-lesson`;
  const quoted = JSON.stringify(trackTitle);
  return [
    {
      path: `${track}/roadmap.yaml`,
      text: `# A track: its stages in recommended order, and the lessons of each stage (see "ML Learning Lab: Open Authoring Guide").
id: ${track}
title: ${quoted}
summary: What this track teaches, in one or two sentences.
order: 50
stages:
  - id: ${stage}
    title: Basics
    summary: The first ideas of the track.
    lessons:
      - ${lesson}
`,
    },
    {
      path: `${track}/lessons/${lesson}.md`,
      text: `---
id: ${lesson}
title: My First Lesson
track: ${track}
stage: ${stage}
summary: "One sentence on what the reader will be able to explain after this lesson."
status: published
minutes: 10
prerequisites: []
tags: [example]
sources:
  - title: Attention Is All You Need
    authors: Vaswani et al.
    year: 2017
    arxiv: "1706.03762"
---

## Context

What problem does the mechanism solve, and what came before it?

## Mechanism

Define every symbol before using it. Inline math such as $q \\cdot k / \\sqrt{d_k}$ and display math:

$$
\\operatorname{softmax}(x)_i = \\frac{e^{x_i}}{\\sum_j e^{x_j}}
$$

\`\`\`mermaid
flowchart TB
  A[Input] --> B[Mechanism] --> C[Output]
\`\`\`

## System role

Where it sits in a real system and what it costs.

## Failure modes

What goes wrong, and common misconceptions.

## Recall targets

1. The one formula the reader must be able to write down.

## Sources

- Vaswani et al., 2017, arXiv 1706.03762.
`,
    },
    {
      path: `${track}/decks/${lesson}.deck.md`,
      text: `---
id: ${lesson}-deck
title: My First Lesson
lesson: ${lesson}
---

## ${lesson}-what
type: basic
category: concept

What does the softmax turn a vector of scores into?
?
A probability distribution: non-negative weights that sum to 1, larger for larger scores.

## ${lesson}-formula
type: cloze
category: equation

The softmax of $x$ is $\\operatorname{softmax}(x)_i = {{c1::\\frac{e^{x_i}}{\\sum_j e^{x_j}}}}$.
?
Exponentiate, then normalise by the sum.

## ${lesson}-bytes
type: numeric
category: equation
params:
  n: [512, 1024, 2048]
answer: n*n*2
unit: bytes
tolerance: 1%

How many bytes does an {{n}} × {{n}} score matrix take in fp16?
?
{{n}} · {{n}} entries × 2 bytes = {{answer}} bytes.

## ${lesson}-order
type: trace
category: mechanism

Put the steps of scaled dot-product attention in order.
?
1. Multiply queries by keys
2. Scale by the square root of the key width
3. Apply the softmax
4. Multiply by the values
`,
    },
  ];
}
