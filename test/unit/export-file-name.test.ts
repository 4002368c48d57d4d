// "Export profiles" names its file by the day it was made, as this computer's calendar has it.
// Found: by UTC's (toISOString), so in Sydney a morning's export was named for the day before, and
// in Los Angeles an evening's for the day after. TZ is set for this process while each runs (Node
// reads it again when it is assigned).
import { afterEach, describe, expect, it } from 'vitest';
import { exportFileName } from '../../main/import/profiles-export';

const zoneBefore = process.env.TZ;
afterEach(() => {
  if (zoneBefore === undefined) delete process.env.TZ;
  else process.env.TZ = zoneBefore;
});

describe('the exported file’s name', () => {
  it.each([
    // 09:30 on 5 December in Sydney (UTC+11, daylight saving).
    ['Australia/Sydney', '2026-12-04T22:30:00Z', 'telstra-profiles-2026-12-05.json'],
    // 20:00 on 4 December in Los Angeles (UTC−8).
    ['America/Los_Angeles', '2026-12-05T04:00:00Z', 'telstra-profiles-2026-12-04.json'],
    ['UTC', '2026-12-04T23:59:59Z', 'telstra-profiles-2026-12-04.json'],
  ])('in %s at %s: %s', (zone, at, name) => {
    process.env.TZ = zone;
    expect(exportFileName(Date.parse(at))).toBe(name);
  });
});
