// The one set of listbox keys every list in the window uses (renderer/common/listbox-keys.ts).
import { describe, expect, it } from 'vitest';
import { listboxTarget } from '../../renderer/common/listbox-keys';

describe('listboxTarget', () => {
  it.each([
    ['ArrowDown', 0, 1],
    ['ArrowDown', 2, 2],
    ['ArrowDown', -1, 0],
    ['ArrowUp', 2, 1],
    ['ArrowUp', 0, 0],
    ['ArrowUp', -1, 2],
    ['Home', 2, 0],
    ['Home', -1, 0],
    ['End', 0, 2],
    ['End', -1, 2],
  ])('%s from option %i of three goes to option %i', (key, index, target) => {
    expect(listboxTarget(key, index, 3)).toBe(target);
  });

  it('moves nowhere in an empty list, and ignores other keys', () => {
    for (const key of ['ArrowDown', 'ArrowUp', 'Home', 'End']) expect(listboxTarget(key, -1, 0)).toBeNull();
    for (const key of ['Enter', ' ', 'ArrowLeft', 'a', 'PageDown'])
      expect(listboxTarget(key, 1, 3)).toBeNull();
  });
});
