import { describe, expect, it } from 'vitest';
import { todayAction } from '../../src/core/stats/todayAction';

const track = (seen: number) => ({ id: 't', title: 'T', cards: 20, seen, score: 0, forecast7: 0, forecast30: 0, stages: [] });
const base = { queue: { due: 0, fresh: 0, reasons: [] as string[] }, tracks: [track(0)], forecast: [] as { day: string; n: number }[], continueWith: { id: 'kv-cache', title: 'KV Cache', why: '' } };

describe('Today view', () => {
  it('on day one says to read the next lesson (it showed a disabled "All caught up" button)', () => {
    expect(todayAction(base)).toEqual({ headline: 'Start with a lesson', detail: expect.stringContaining('unlocks'), primary: { kind: 'lesson', label: 'Read: KV Cache', lessonId: 'kv-cache' } });
  });
  it('offers practice when cards are due or new', () => {
    expect(todayAction({ ...base, queue: { due: 3, fresh: 2, reasons: ['why'] } })).toMatchObject({ headline: '3 due · 2 new', detail: 'why', primary: { kind: 'practice' } });
  });
  it('when caught up says when cards come due next and continues with a lesson', () => {
    const a = todayAction({ ...base, tracks: [track(5)], forecast: [{ day: '2026-12-05', n: 0 }, { day: '2026-12-06', n: 4 }] });
    expect(a).toMatchObject({ headline: 'All caught up', detail: 'Next: 4 cards due on 2026-12-06.', primary: { label: 'Continue: KV Cache' } });
  });
});
