// The benchmarks' alternation (test/bench/figure.ts): warm-up first, then pairs of the subject and
// its baseline, each pair started in turn by the other, since the second of a pair is favoured.
import { describe, expect, it } from 'vitest';
import { alternateAsync } from '../bench/figure';

describe('alternateAsync', () => {
  it('warms both up, then starts each pair in turn with the other, keeping each side’s samples apart', async () => {
    const order: string[] = [];
    let tick = 0;
    const side = (name: string) => () => {
      order.push(name);
      tick += 1;
      return Promise.resolve(name === 'subject' ? tick : -tick);
    };
    const measured = await alternateAsync(4, 2, side('subject'), side('baseline'));
    expect(order).toEqual([
      // The warm-up's two pairs, not kept.
      ...['baseline', 'subject', 'baseline', 'subject'],
      ...['baseline', 'subject', 'subject', 'baseline', 'baseline', 'subject', 'subject', 'baseline'],
    ]);
    expect(measured.samplesMs).toEqual([6, 7, 10, 11]);
    expect(measured.baselineSamplesMs).toEqual([-5, -8, -9, -12]);
  });
});
