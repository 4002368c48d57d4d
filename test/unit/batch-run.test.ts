// The window's state of a batch run (app/batch-run.ts): rows in the chosen order, each filled only
// by an answer for its own profile, request and run, whatever order the answers come in.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  batchProgress,
  batchRequestId,
  batchRunApply,
  batchRunReducer,
  newBatchRun,
  type BatchAction,
  type BatchRun,
} from '../../app/batch-run';
import { batchRow, batchVerdict, rowPassed } from '../../app/batch-summary';
import { unsentCheck } from '../../main/access/access-result';
import { explain } from '../../app/explanations';
import type { BatchVerdict } from '../../app/ipc-contract';
import { REQUEST_ID_PATTERN } from '../../app/limits';
import type { TokenResult } from '../../app/token-result';

const profiles = Array.from({ length: 6 }, (_, i) => ({
  id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  name: `Profile ${i}`,
}));

function resultFor(requestId: string, ok: boolean): TokenResult {
  const base = {
    requestId,
    tokenUrl: 'http://127.0.0.1:1/v2/oauth/token',
    durationMs: 5,
    receivedAt: 1,
  };
  if (ok) {
    const result = {
      ...base,
      ok: true,
      outcome: 'token-received',
      status: 200,
      statusText: 'OK',
      accessToken: `token-${requestId}`,
      tokenType: 'Bearer',
      scope: null,
      expiresInSeconds: 3599,
      expiresAt: 3_600_000,
      headers: [],
      contentType: 'application/json',
    } as const;
    return { ...result, explanation: explain(result) };
  }
  const result = {
    ...base,
    ok: false,
    outcome: 'oauth:invalid_client',
    kind: 'http',
    status: 401,
    statusText: 'Unauthorized',
    error: 'invalid_client',
    errorDescription: null,
    errorShape: 'rfc6749',
    nonStandardError: false,
    networkCode: null,
    bodyExcerpt: null,
    contentType: 'application/json',
    headers: [],
    redirectLocation: null,
    retryAfterSeconds: null,
    message: 'HTTP 401',
    findings: [],
  } as const;
  return { ...result, explanation: explain(result) };
}

/** The verdict the main side sends for that result (app/batch-summary.ts). */
const answerFor = (requestId: string, ok: boolean): BatchVerdict =>
  batchVerdict(resultFor(requestId, ok), null);

const apply = (run: BatchRun | null, actions: readonly BatchAction[]) =>
  actions.reduce<BatchRun | null>((state, action) => batchRunReducer(state, action), run);

/**
 * The rules one action at a time, written out here apart from app/batch-run.ts: the reference the
 * one-pass batchRunApply is held to.
 */
function reference(run: BatchRun | null, action: BatchAction): BatchRun | null {
  if (run === null || action.runId !== run.runId) return run;
  const update = (
    profileId: string,
    change: (row: BatchRun['rows'][number]) => BatchRun['rows'][number] | null,
  ) => {
    let changed = false;
    const rows = run.rows.map((row) => {
      if (row.profileId !== profileId) return row;
      const next = change(row);
      if (next === null) return row;
      changed = true;
      return next;
    });
    return changed ? { ...run, rows } : run;
  };
  switch (action.type) {
    case 'started':
      return update(action.profileId, (row) =>
        row.phase === 'waiting' ? { ...row, phase: 'running', requestId: action.requestId } : null,
      );
    case 'answered':
      return update(action.profileId, (row) =>
        row.phase === 'running' &&
        row.requestId === action.requestId &&
        action.verdict.requestId === action.requestId
          ? { ...row, phase: 'done', verdict: action.verdict }
          : null,
      );
    case 'refused':
      return update(action.profileId, (row) =>
        row.phase === 'running' && row.requestId === action.requestId
          ? { ...row, phase: 'done', refusal: action.message }
          : null,
      );
    case 'cancel':
      return run.cancelled ? run : { ...run, cancelled: true };
    case 'finished':
      return run.rows.some((row) => row.phase === 'waiting')
        ? {
            ...run,
            rows: run.rows.map((row) => (row.phase === 'waiting' ? { ...row, phase: 'not-started' } : row)),
          }
        : run;
  }
}

function startAll(run: BatchRun): BatchAction[] {
  return run.rows.map((row, i) => ({
    type: 'started',
    runId: run.runId,
    profileId: row.profileId,
    requestId: batchRequestId(run.runId, i),
  }));
}

describe('a batch run in the window', () => {
  it('keeps the rows in the chosen order and each answer under its own profile, whatever the answer order', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray([0, 1, 2, 3, 4, 5], { minLength: 6, maxLength: 6 }), (order) => {
        const run = newBatchRun('run-a', profiles);
        const answers: BatchAction[] = order.map((i) => {
          const requestId = batchRequestId('run-a', i);
          return {
            type: 'answered',
            runId: 'run-a',
            profileId: profiles[i]!.id,
            requestId,
            verdict: answerFor(requestId, i % 2 === 0),
          };
        });
        const done = apply(run, [...startAll(run), ...answers])!;
        expect(done.rows.map((row) => row.name)).toEqual(profiles.map((p) => p.name));
        done.rows.forEach((row, i) => {
          expect(row.phase).toBe('done');
          expect(row.verdict?.requestId).toBe(batchRequestId('run-a', i));
          expect(row.verdict?.ok).toBe(i % 2 === 0);
        });
        expect(batchProgress(done)).toEqual({ total: 6, done: 6, stopped: 0, running: 0, finished: true });
      }),
    );
  });

  it('drops a previous run’s late answer, even for the same profile', () => {
    const first = newBatchRun('run-old', profiles);
    const second = apply(newBatchRun('run-new', profiles), startAll(newBatchRun('run-new', profiles)))!;
    const late = batchRequestId('run-old', 0);
    const after = apply(second, [
      {
        type: 'answered',
        runId: first.runId,
        profileId: profiles[0]!.id,
        requestId: late,
        verdict: answerFor(late, true),
      },
    ]);
    expect(after).toBe(second);
    expect(after?.rows[0]?.phase).toBe('running');
  });

  it('drops an answer carrying another profile’s request id or a result for another request', () => {
    const run = apply(newBatchRun('run-a', profiles), startAll(newBatchRun('run-a', profiles)))!;
    const other = batchRequestId('run-a', 1);
    const mine = batchRequestId('run-a', 0);
    const crossed = apply(run, [
      // Profile 0's row, profile 1's request.
      {
        type: 'answered',
        runId: 'run-a',
        profileId: profiles[0]!.id,
        requestId: other,
        verdict: answerFor(other, true),
      },
      // Profile 0's request, but a result for profile 1's.
      {
        type: 'answered',
        runId: 'run-a',
        profileId: profiles[0]!.id,
        requestId: mine,
        verdict: answerFor(other, true),
      },
    ]);
    expect(crossed).toBe(run);
  });

  it('Cancel: what started still takes its own answer, what never started says so at the end', () => {
    const run = newBatchRun('run-a', profiles);
    const [first, second] = startAll(run);
    // The second start happened on the main side before Cancel reached it.
    const cancelled = apply(run, [
      first!,
      { type: 'cancel', runId: 'run-a' },
      second!,
      { type: 'finished', runId: 'run-a' },
      {
        type: 'refused',
        runId: 'run-a',
        profileId: profiles[1]!.id,
        requestId: batchRequestId('run-a', 1),
        message: 'x',
      },
    ])!;
    expect(cancelled.cancelled).toBe(true);
    expect(cancelled.rows.map((row) => row.phase)).toEqual([
      'running',
      'done',
      'not-started',
      'not-started',
      'not-started',
      'not-started',
    ]);
    expect(batchProgress(cancelled).finished).toBe(false);
    const requestId = batchRequestId('run-a', 0);
    const settled = apply(cancelled, [
      {
        type: 'answered',
        runId: 'run-a',
        profileId: profiles[0]!.id,
        requestId,
        // The request Cancel stopped in flight: answered, but not a profile checked.
        verdict: { ...answerFor(requestId, false), outcome: 'cancelled' },
      },
    ])!;
    expect(settled.rows[0]?.phase).toBe('done');
    // The refused row was not checked either.
    expect(batchProgress(settled)).toEqual({ total: 6, done: 2, stopped: 2, running: 0, finished: true });
    // A profile deleted before its turn is not a profile checked either (as the report counts it).
    const deleted = {
      ...settled,
      rows: settled.rows.map((row, i) =>
        i === 1
          ? {
              ...row,
              verdict: {
                ...answerFor(batchRequestId('run-a', 1), false),
                outcome: 'profile-deleted' as const,
              },
            }
          : row,
      ),
    };
    expect(batchProgress(deleted).stopped).toBe(2);
    // A start reported after the end changes nothing.
    expect(apply(settled, [startAll(run)[2]!])).toBe(settled);
  });

  it('takes many actions at once (an answer of many profiles) exactly as the rules one after another', () => {
    const action = fc
      .record({
        type: fc.constantFrom('started', 'answered', 'refused', 'cancel', 'finished'),
        run: fc.constantFrom('run-a', 'run-b'),
        profile: fc.nat(5),
        request: fc.nat(5),
        ok: fc.boolean(),
        ownResult: fc.boolean(),
      })
      .map(({ type, run, profile, request, ok, ownResult }): BatchAction => {
        const profileId = profiles[profile]!.id;
        const requestId = batchRequestId(run, request);
        if (type === 'cancel' || type === 'finished') return { type, runId: run };
        if (type === 'started') return { type, runId: run, profileId, requestId };
        if (type === 'refused') return { type, runId: run, profileId, requestId, message: 'Refused.' };
        const verdict = answerFor(ownResult ? requestId : batchRequestId(run, (request + 1) % 6), ok);
        return { type, runId: run, profileId, requestId, verdict };
      });
    fc.assert(
      fc.property(
        fc.array(action, { maxLength: 40 }),
        fc.array(action, { maxLength: 40 }),
        (before, batch) => {
          const run = apply(newBatchRun('run-a', profiles), before);
          const oneByOne = batch.reduce(reference, run);
          const atOnce = batchRunApply(run, batch);
          expect(atOnce).toEqual(oneByOne);
          // Nothing changed is the same object (React then draws nothing).
          if (oneByOne === run) expect(atOnce).toBe(run);
        },
      ),
    );
  });

  it('makes request ids the IPC accepts, one per profile of a run', () => {
    const runId = crypto.randomUUID();
    const ids = profiles.map((_, i) => batchRequestId(runId, i));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of [...ids, batchRequestId(runId, 499)]) expect(id).toMatch(REQUEST_ID_PATTERN);
  });
});

describe('request ids of a run', () => {
  it('are whole request ids the schema accepts, distinct for runs that differ anywhere', async () => {
    const { BATCH_RUN_ID_MAX, batchRequestId } = await import('../../app/batch-run');
    const { LIMITS, REQUEST_ID_PATTERN } = await import('../../app/limits');
    const { MAX_PROFILES } = await import('../../app/profiles');
    expect(BATCH_RUN_ID_MAX + '-b'.length + String(MAX_PROFILES - 1).length).toBeLessThanOrEqual(
      LIMITS.requestId,
    );
    const a = `${'r'.repeat(BATCH_RUN_ID_MAX - 1)}a`;
    const b = `${'r'.repeat(BATCH_RUN_ID_MAX - 1)}b`;
    expect(batchRequestId(a, MAX_PROFILES - 1)).toMatch(REQUEST_ID_PATTERN);
    expect(batchRequestId(a, 3)).not.toBe(batchRequestId(b, 3));
    expect(() => batchRequestId(`${a}x`, 0)).toThrow();
  });
});

describe('a row’s access verdict', () => {
  it('lets the row pass exactly when the run’s summary counts it passed', () => {
    const result = resultFor('r1', true);
    const check = (outcome: 'access:custom-not-checked' | 'invalid-input') =>
      unsentCheck({ requestId: 'r1', requestedScope: '', grantedScope: null }, outcome, 'Not checked.', 1);
    for (const outcome of ['access:custom-not-checked', 'invalid-input'] as const) {
      const access = check(outcome);
      expect(batchVerdict(result, access).access?.ok, outcome).toBe(
        rowPassed(batchRow('P', 'client-id', result, access)),
      );
    }
    // A custom token URL's check, which a run does not make, fails no row (it was ok: false).
    expect(batchVerdict(result, check('access:custom-not-checked')).access?.ok).toBe(true);
    expect(batchVerdict(result, check('invalid-input')).access?.ok).toBe(false);
  });
});
