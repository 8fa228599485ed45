import { describe, expect, it } from 'vitest';
import { parseFrontMatter } from '../../src/core/content/frontMatter';
import { parseLesson } from '../../src/core/content/lessonParser';
import { parseRoadmap } from '../../src/core/content/roadmapParser';
import type { ContentDiagnostic } from '../../src/core/diagnostics';

describe('parseFrontMatter', () => {
  it('splits YAML from the body and reports the body line', () => {
    const d: ContentDiagnostic[] = [];
    const fm = parseFrontMatter('a.md', '---\nid: x\ntitle: T\n---\n# Hello\n', d);
    expect(d).toEqual([]);
    expect(fm?.data).toEqual({ id: 'x', title: 'T' });
    expect(fm?.keyLines).toEqual({ id: 2, title: 3 });
    expect(fm?.bodyLine).toBe(5);
    expect(fm?.body).toBe('# Hello\n');
  });

  it('handles CRLF, a BOM and empty frontmatter', () => {
    const d: ContentDiagnostic[] = [];
    expect(parseFrontMatter('a.md', '\ufeff---\r\nid: x\r\n---\r\nbody', d)?.data).toEqual({ id: 'x' });
    expect(parseFrontMatter('a.md', '---\n---\nbody', d)?.bodyLine).toBe(3);
    expect(d).toEqual([]);
  });

  it('reports invalid YAML with the line it is on', () => {
    const d: ContentDiagnostic[] = [];
    expect(parseFrontMatter('a.md', '---\nid: x\ntitle: [unclosed\nstatus: planned\n---\n', d)).toBeUndefined();
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ file: 'a.md', code: 'frontmatter.yaml' });
    expect(d[0].line).toBeGreaterThanOrEqual(3);
  });

  it('reports missing and unclosed frontmatter', () => {
    const d: ContentDiagnostic[] = [];
    parseFrontMatter('a.md', '# no frontmatter', d);
    parseFrontMatter('b.md', '---\nid: x\n', d);
    parseFrontMatter('c.md', '---\n- a list\n---\n', d);
    expect(d.map((x) => x.code)).toEqual(['frontmatter.missing', 'frontmatter.unclosed', 'frontmatter.not-mapping']);
  });
});

const good = `---
id: self-attention
title: Self-attention
track: transformer-systems
stage: ts-attention
summary: Scaled dot-product attention.
status: published
minutes: 30
prerequisites: [embeddings]
tags: [attention]
sources:
  - title: Attention Is All You Need
    authors: Vaswani et al.
    year: 2017
    arxiv: "1706.03762"
  - title: A page
    url: https://example.org/x
  - title: Stream
    repo: openhands
    path: openhands/events/stream.py
    commit: d39f7ae0e66174c50bdc714304fed4078b5e3b72
---
# Self-attention
`;

describe('parseLesson', () => {
  it('reads every field', () => {
    const r = parseLesson('l.md', good);
    expect(r.diagnostics).toEqual([]);
    expect(r.lesson).toMatchObject({
      id: 'self-attention', track: 'transformer-systems', stage: 'ts-attention', status: 'published', minutes: 30,
      prerequisites: ['embeddings'], tags: ['attention'], bodyLine: 23,
    });
    expect(r.lesson?.sources.map((s) => s.kind)).toEqual(['paper', 'web', 'repo']);
  });

  it('reports unknown fields with a suggestion, at their line', () => {
    const r = parseLesson('l.md', good.replace('tags:', 'tagz:'));
    expect(r.diagnostics).toEqual([expect.objectContaining({ line: 10, code: 'lesson.unknown-field', message: expect.stringContaining('did you mean `tags`') })]);
    expect(r.lesson?.id).toBe('self-attention');
  });

  it('requires minutes and a body for published lessons but not for planned ones', () => {
    const noMinutes = parseLesson('l.md', good.replace('minutes: 30\n', ''));
    expect(noMinutes.diagnostics.map((d) => d.code)).toContain('lesson.missing-field');
    const planned = parseLesson('l.md', good.replace('status: published', 'status: planned').replace('minutes: 30\n', '').replace('# Self-attention\n', ''));
    expect(planned.diagnostics).toEqual([]);
    const empty = parseLesson('l.md', good.replace('# Self-attention\n', ''));
    expect(empty.diagnostics.map((d) => d.code)).toEqual(['lesson.empty']);
  });

  it('rejects bad ids, statuses and sources but keeps the lesson when the id is usable', () => {
    const r = parseLesson('l.md', good.replace('status: published', 'status: draft').replace('"1706.03762"', '1706.03762x'));
    expect(r.diagnostics.map((d) => d.code).sort()).toEqual(['lesson.bad-field', 'source.bad-field']);
    expect(r.lesson?.status).toBe('planned');
    expect(parseLesson('l.md', good.replace('id: self-attention', 'id: Self Attention')).lesson).toBeUndefined();
  });
});

describe('parseRoadmap', () => {
  const yaml = `# yaml-language-server: $schema=../../schemas/roadmap.schema.json
id: transformer-systems
title: Transformer Systems
summary: From tokens to serving.
order: 1
stages:
  - id: ts-foundations
    title: Foundations
    summary: Basics.
    lessons:
      - tokenization
      - embeddings
  - id: ts-attention
    title: Attention
    lessons: [self-attention, masks]
`;
  it('reads stages in order with the line of each listed lesson', () => {
    const r = parseRoadmap('r.yaml', yaml);
    expect(r.diagnostics).toEqual([]);
    expect(r.track?.stages.map((s) => s.id)).toEqual(['ts-foundations', 'ts-attention']);
    expect(r.track?.stages[0]).toMatchObject({ line: 7, lessons: ['tokenization', 'embeddings'], lessonLines: [11, 12] });
    expect(r.track?.stages[1]).toMatchObject({ line: 13, lessonLines: [15, 15] });
  });

  it('reports unknown keys in the track and in stages', () => {
    const r = parseRoadmap('r.yaml', yaml.replace('    summary: Basics.', '    sumary: Basics.').replace('order: 1', 'orderr: 1'));
    expect(r.diagnostics.map((d) => [d.code, d.line])).toEqual([['roadmap.unknown-field', 5], ['stage.unknown-field', 9]]);
  });

  it('reports invalid YAML and a non-list of stages', () => {
    expect(parseRoadmap('r.yaml', 'id: [x\n').diagnostics[0].code).toBe('roadmap.yaml');
    expect(parseRoadmap('r.yaml', 'id: x\ntitle: X\nstages: 3\n').diagnostics[0].code).toBe('roadmap.bad-field');
  });
});
