// A batch run's history entry and report: one row per profile, the summary in words, and outside
// text (profile names from imported files, error codes from servers) inert in the Markdown.
import { describe, expect, it } from 'vitest';
import { batchReport } from '../../app/batch-report';
import { batchEntry, batchTitle, keptCode } from '../../app/batch-summary';
import { EXPLANATIONS } from '../../app/explanations';
import type { BatchRow } from '../../app/history';

const row = (fields: Partial<BatchRow>): BatchRow => ({
  profileName: 'Prod',
  host: 'tapi.telstra.com',
  outcome: 'token-received',
  ok: true,
  status: 200,
  error: null,
  durationMs: 120.4,
  access: null,
  ...fields,
});

describe('a batch run in the history and its report', () => {
  it('says how many were checked, passed and failed, and how many of the run', () => {
    const rows = [row({}), row({ ok: false, outcome: 'oauth:invalid_client', status: 401 })];
    expect(batchTitle({ total: 2, rows })).toBe('Batch check: 2 profiles checked: 1 passed, 1 failed');
    expect(batchTitle({ total: 5, rows })).toBe('Batch check: 2 of 5 profiles checked: 1 passed, 1 failed');
    // A request Cancel stopped in flight: neither checked nor failed, as the window counts it.
    const stopped = row({ ok: false, outcome: 'cancelled', status: null });
    expect(batchTitle({ total: 3, rows: [...rows, stopped] })).toBe(
      'Batch check: 2 of 3 profiles checked: 1 passed, 1 failed',
    );
    // An access check that did not confirm access is a failure of that profile.
    expect(batchTitle({ total: 1, rows: [row({ access: 'access:not-set-up' })] })).toContain(
      '0 passed, 1 failed',
    );
    const entry = batchEntry('run-1', 2_000, 1_500, 'v3', { total: 2, rows });
    expect(entry).toMatchObject({
      id: 'run-1',
      ok: false,
      outcome: 'oauth:invalid_client',
      durationMs: 1_500,
    });
  });

  it('says a request Cancel stopped "cancelled", not "failed", and counts those never started', () => {
    const stopped = row({ profileName: 'Stopped', ok: false, outcome: 'cancelled', status: null });
    const entry = batchEntry('run-c', 2_000, 1_500, 'v3', { total: 6, rows: [row({}), stopped] });
    const report = batchReport({
      appVersion: '1.0.0',
      os: 'linux',
      generatedAt: 3_000,
      entry: { ...entry, batch: entry.batch! },
      titleOf: (outcome) => EXPLANATIONS[outcome].title,
    });
    const line = report.split('\n').find((l) => l.includes('`Stopped`'));
    expect(line).toMatch(/\| cancelled \|$/);
    expect(report).toContain('- Not started (cancelled before their turn): 4 profiles');
    expect(report).toContain('1 of 6 profiles checked: 1 passed, 0 failed');
  });

  it('keeps hostile names and server text inside code spans, one table row per profile', () => {
    const hostile = 'Evil | [click](https://evil.example) <img src=x onerror=alert(1)> `x`';
    const rows = [
      row({ profileName: hostile }),
      row({
        profileName: 'Second\nline',
        ok: false,
        outcome: 'oauth:invalid_client',
        status: 401,
        error: 'invalid_client](https://evil.example)',
      }),
    ];
    const report = batchReport({
      appVersion: '1.0.0',
      os: 'Linux',
      generatedAt: 3_000,
      entry: { ...batchEntry('run-1', 2_000, 1_500, 'v3', { total: 2, rows }), batch: { total: 2, rows } },
      titleOf: (outcome) => EXPLANATIONS[outcome].title,
    });
    const tableRows = report
      .split('\n')
      .filter((line) => line.startsWith('| ') && !line.startsWith('| Profile'));
    expect(tableRows).toHaveLength(2);
    for (const line of tableRows) {
      // Seven cells: every '|' from outside is escaped.
      expect(line.split(/(?<!\\)\|/).length - 2).toBe(7);
    }
    // The link and the image only ever appear inside a code span.
    const outsideCode = report.replace(/`` .*? ``/g, '').replace(/`[^`]*`/g, '');
    expect(outsideCode).not.toContain('](https://evil.example)');
    expect(outsideCode).not.toContain('<img');
    expect(report).toContain(EXPLANATIONS['oauth:invalid_client'].title);
    expect(report).not.toContain('Second\nline');
  });
});

describe('a kept error code, cut to the history’s 200 characters', () => {
  it('is never cut inside a marker or an emoji: half a marker reads as the server’s words', () => {
    const id = 'acme-client-1234';
    // The client ID's marker is longer than the ID: it would straddle the cut.
    expect(keptCode(`${'x'.repeat(190)}${id}`, [id])).toBe('x'.repeat(190));
    // A marker the token service put there, and no client ID to remove.
    expect(keptCode(`${'x'.repeat(190)}[secret removed]`, [])).toBe('x'.repeat(190));
    // An emoji across the cut: neither half of it is kept.
    expect(keptCode(`${'x'.repeat(199)}😀`, [])).toBe('x'.repeat(199));
    // Nothing to cut: as it came, without the ID.
    expect(keptCode(`NO_APP_FOR_${id}`, [id])).toBe('NO_APP_FOR_[client ID removed]');
  });

  it('is never longer than the history reads back (200): a client ID the cut left standing alone', () => {
    // Eight characters with its space, seven without: found only on its own, as a short value is.
    // Followed by 'Z' it is part of a word; cut after it, it stands alone, and its marker is longer.
    const kept = keptCode(`${'x'.repeat(192)} abcdefgZ${'y'.repeat(20)}`, ['abcdefg ']);
    expect(kept.length).toBeLessThanOrEqual(200);
    expect(kept).not.toContain('abcdefg');
    expect(kept).toBe(`${'x'.repeat(192)} `);
  });
});
