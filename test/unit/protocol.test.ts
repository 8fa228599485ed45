import { describe, expect, it } from 'vitest';
import { decodeReadState } from '../../src/core/progress/readState';
import { MAX_CODE_CHARS } from '../../src/shared/protocol/codeBlock';
import { isLessonWebviewState, parseLessonMessage } from '../../src/shared/protocol/lesson';

describe('parseLessonMessage (webview input is untrusted)', () => {
  it('accepts each well-formed message', () => {
    expect(parseLessonMessage({ type: 'ready' })).toEqual({ type: 'ready' });
    expect(parseLessonMessage({ type: 'openLesson', lessonId: 'kv-cache', anchor: 'sizing' })).toEqual({ type: 'openLesson', lessonId: 'kv-cache', anchor: 'sizing' });
    expect(parseLessonMessage({ type: 'openExternal', url: 'https://arxiv.org/abs/1706.03762' })).toBeTruthy();
    expect(parseLessonMessage({ type: 'setRead', lessonId: 'kv-cache', read: true })).toEqual({ type: 'setRead', lessonId: 'kv-cache', read: true });
    expect(parseLessonMessage({ type: 'saveScroll', lessonId: 'kv-cache', fraction: 0.5 })).toEqual({ type: 'saveScroll', lessonId: 'kv-cache', fraction: 0.5 });
  });

  it('rejects anything else', () => {
    for (const bad of [
      null, 'ready', 42, {}, { type: 'nope' },
      { type: 'openLesson', lessonId: '../../etc/passwd' },
      { type: 'openLesson', lessonId: 'ok', anchor: '"><script>' },
      { type: 'openExternal', url: 'command:workbench.action.terminal.new' },
      { type: 'openExternal', url: 'file:///etc/passwd' },
      { type: 'openExternal', url: 'javascript:alert(1)' },
      { type: 'setRead', lessonId: 'kv-cache', read: 'yes' },
      { type: 'setRead', read: true },
      { type: 'saveScroll', lessonId: 'kv-cache', fraction: 2 },
      { type: 'saveScroll', lessonId: '../x', fraction: 0.5 },
      { type: 'saveScroll', fraction: Number.NaN },
    ]) expect(parseLessonMessage(bad), JSON.stringify(bad)).toBeUndefined();
  });

  it('accepts code block messages and bounds them', () => {
    expect(parseLessonMessage({ type: 'openAsNotebook' })).toEqual({ type: 'openAsNotebook' });
    expect(parseLessonMessage({ type: 'openCode', code: 'x = 1\n', language: 'python' })).toEqual({ type: 'openCode', code: 'x = 1\n', language: 'python' });
    expect(parseLessonMessage({ type: 'openCode', code: 'plain' })).toEqual({ type: 'openCode', code: 'plain' });
    expect(parseLessonMessage({ type: 'openCode', code: 'int x;', language: 'c++' })).toEqual({ type: 'openCode', code: 'int x;', language: 'c++' });
    expect(parseLessonMessage({ type: 'copyCode', code: 'x' })).toEqual({ type: 'copyCode', code: 'x' });
    expect(parseLessonMessage({ type: 'copyCode', code: 'x'.repeat(MAX_CODE_CHARS) })).toBeTruthy();
    for (const bad of [
      { type: 'openCode' },
      { type: 'openCode', code: 42 },
      { type: 'openCode', code: 'x', language: '' },
      { type: 'openCode', code: 'x', language: 'python; rm -rf' },
      { type: 'openCode', code: 'x', language: '../../etc' },
      { type: 'openCode', code: 'x', language: 'a'.repeat(40) },
      { type: 'openCode', code: 'x', language: 7 },
      { type: 'openCode', code: 'x'.repeat(MAX_CODE_CHARS + 1) },
      { type: 'copyCode', code: 'x'.repeat(MAX_CODE_CHARS + 1) },
      { type: 'copyCode', code: { toString: 'x' } },
    ]) expect(parseLessonMessage(bad), JSON.stringify(bad).slice(0, 80)).toBeUndefined();
  });

  it('truncates long error reports', () => {
    const m = parseLessonMessage({ type: 'reportError', message: 'x'.repeat(10000) });
    expect(m?.type === 'reportError' && m.message.length).toBe(2000);
  });

  it('validates restored webview state', () => {
    expect(isLessonWebviewState({ lessonId: 'kv-cache', scroll: 0.2 })).toBe(true);
    expect(isLessonWebviewState({ lessonId: 'Bad Id' })).toBe(false);
    expect(isLessonWebviewState(undefined)).toBe(false);
  });
});

describe('decodeReadState', () => {
  it('reads a valid state and an absent one', () => {
    expect(decodeReadState({ v: 1, read: { a: 1 } })).toEqual({ ok: true, value: { v: 1, read: { a: 1 } } });
    expect(decodeReadState(undefined)).toEqual({ ok: true, value: { v: 1, read: {} } });
  });

  it('keeps what it can read and reports the rest', () => {
    const r = decodeReadState({ v: 1, read: { a: 1, b: 'x' } });
    expect(r).toEqual({ ok: false, value: { v: 1, read: { a: 1 } }, problem: '1 unreadable read-state entries' });
    expect(decodeReadState('garbage').ok).toBe(false);
    expect(decodeReadState({ v: 99 }).ok).toBe(false);
  });
});

