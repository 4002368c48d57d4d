// `telstra-token request --all-profiles`: the token request for every saved profile, a few at a
// time with a short pause between starts (app/batch-schedule.ts), one line per profile (or one
// JSON object per line with --json) as each finishes, in the profile's name. Ctrl-C starts nothing
// more and cancels the requests in flight. Never a secret or a token in the output, not even one
// profile's in another's answer: every secret is read (and cut out of every answer) before the
// first request. The exit status is the worst one.
import { BATCH_START_GAP_MS, holdReason, rateLimitHoldMs, runBatch } from '../../../app/batch-schedule';
import { isLoopbackHost } from '../../../app/endpoints';
import type { Profile } from '../../../app/profiles';
import type { TokenResult } from '../../../app/token-result';
import { readConfig } from '../../config';
import { createNodeHttpFetch } from '../../token/node-http-fetch';
import { createSentSecrets } from '../../token/sent-secrets';
import { failure } from '../../token/token-failure';
import { createTokenService, keychainRefusal } from '../../token/token-service';
import { downOf, readSecretsFirst } from '../../profiles/read-secrets-first';
import type { OptionValues } from '../args';
import { EXIT, exitCodeFor, type ExitCode } from '../exit-codes';
import { resultJson } from '../format/result-json';
import { terminalSafe } from '../format/terminal-safe';
import type { CliIo, Output } from '../io';
import { MAX_TIMEOUT_SECONDS, parseTimeout, REQUEST_ID } from '../request-plan';
import { PROGRAM, reportUsageError } from '../usage';
import { displayWidth, padColumns } from '../format/columns';
import { openProfiles, sameSave, savedNow, tellNotices, noProfiles } from './profile-access';
import { unsent } from './profile-request';

function onThisComputer(url: string): boolean {
  try {
    return isLoopbackHost(new URL(url).hostname);
  } catch {
    return false;
  }
}

const ALLOWED = new Set(['all-profiles', 'json', 'timeout', 'user-data-dir']);

export async function allProfilesCommand(
  options: OptionValues,
  io: CliIo,
  output: Output,
): Promise<ExitCode> {
  const json = options.json === true;
  const extra = Object.keys(options).find((name) => !ALLOWED.has(name));
  // As `request` reads it: whole seconds, nothing else.
  const deadlineMs = typeof options.timeout === 'string' ? parseTimeout(options.timeout) : undefined;
  if (extra !== undefined || deadlineMs === null) {
    const message =
      extra !== undefined
        ? `--all-profiles uses each profile as saved, so --${extra} cannot be given with it.`
        : `--timeout takes whole seconds from 1 to ${MAX_TIMEOUT_SECONDS}.`;
    return reportUsageError(output, { command: 'request', message, json }, io.runAs);
  }
  const dataDirSwitch = typeof options['user-data-dir'] === 'string' ? options['user-data-dir'] : null;
  const { dataDir, store, profiles } = openProfiles(io, dataDirSwitch);
  const { profiles: saved, notices } = await store.load();
  tellNotices(notices, output);
  if (saved.length === 0) {
    return reportUsageError(
      output,
      { command: 'request', message: noProfiles(dataDir, notices, io.runAs), json },
      io.runAs,
    );
  }

  // One sandbox for the run, started only if a profile uses it.
  const sandbox = saved.some((p) => p.preset === 'sandbox')
    ? (await import('../../sandbox/sandbox-server')).lazySandbox()
    : null;
  // Every answer is redacted of every profile's secret and of the tokens received before it.
  const sentSecrets = createSentSecrets();
  const tokens = createTokenService({
    fetch: createNodeHttpFetch({ env: io.env }),
    sandboxUrl: sandbox?.url ?? (() => Promise.reject(new Error('The sandbox was not asked for.'))),
    deadlineMs: deadlineMs ?? readConfig(io.env).deadlineMs,
    now: () => io.now(),
    monotonic: () => Number(process.hrtime.bigint()) / 1e6,
    sentSecrets,
  });

  let cancelled = false;
  /**
   * The output can take no more (`| head -1` has its line, or the disk is full): stopped as on
   * Ctrl-C. Before, the run went on to its end, every request sent for lines nobody would read,
   * and the pipeline waited for it all.
   */
  let outputClosed = false;
  const inFlight = new Set<string>();
  const stop = () => {
    cancelled = true;
    for (const requestId of inFlight) tokens.cancel(requestId);
  };
  void io.untilStopped().then(stop);
  void io.outputClosed.then(() => {
    outputClosed ||= !cancelled;
    stop();
  });

  // Read first, one after another (read-secrets-first.ts says why).
  const first = await readSecretsFirst(
    profiles,
    saved.map((profile) => profile.id),
    { lanes: 1, stopped: () => cancelled, known: (secret) => sentSecrets.add(secret) },
  );
  const secrets = first.read;
  let keychainDown = first.keychainDown;

  async function check(profile: Profile, index: number): Promise<TokenResult> {
    const request = {
      requestId: `${REQUEST_ID}-${index}`,
      preset: profile.preset,
      tokenUrl: profile.tokenUrl,
      clientId: profile.clientId,
      grantType: profile.grantType,
      scope: profile.scope,
    };
    // The app (another process) may have changed or deleted the profile since its secret was read:
    // the file is read again at its turn (this process's copy is from the start). Unchanged, the
    // pair read before is sent; deleted, nothing is; saved again, its secret is read again with
    // the fields now on disk (savedNow says why the two then go together). A file that cannot be
    // read cleanly now says nothing either way: the pair read before stands.
    const before = secrets.get(profile.id);
    secrets.delete(profile.id);
    const now = await savedNow(dataDir, profile.id);
    if (now === null) {
      const message = 'This profile was deleted after the run started.';
      return failure(request.requestId, profile.tokenUrl, 0, io.now(), (text) => text, {
        kind: 'profile-deleted',
        message,
      });
    }
    // One read before the keychain went down is still sent.
    if (keychainDown !== null && before?.ok !== true) {
      const { problem, message } = keychainDown;
      return keychainRefusal(unsent(request), problem, message, io.now());
    }
    let stored = before ?? (await profiles.secret(profile.id));
    // A secret that could not be read is asked for again only if the profile was saved again
    // meanwhile (asked again each time, each missing one cost a listing of the whole keychain).
    if (now !== undefined && !sameSave(stored.ok ? stored.profile : profile, now)) {
      const secret = await profiles.secret(profile.id);
      stored = secret.ok ? { ...secret, profile: now } : secret;
    }
    keychainDown ??= downOf(stored);
    if (!stored.ok) {
      const problem = 'problem' in stored ? stored.problem : 'missing';
      return keychainRefusal(unsent(request), problem, stored.message, io.now());
    }
    const saved = stored.profile;
    const sent = {
      ...request,
      preset: saved.preset,
      tokenUrl: saved.tokenUrl,
      clientId: saved.clientId,
      grantType: saved.grantType,
      scope: saved.scope,
    };
    // Ctrl-C may have come while the file or the keychain was read at this turn (after the
    // handler cancelled what was in flight): nothing is sent after it. Its line says cancelled
    // (130), as for a request cancelled in flight, and it is not counted as never started.
    if (cancelled) {
      return failure(request.requestId, profile.tokenUrl, 0, io.now(), (text) => text, {
        kind: 'cancelled',
        message: 'Cancelled before it was sent.',
      });
    }
    inFlight.add(request.requestId);
    try {
      return await tokens.request({ ...sent, clientSecret: stored.secret });
    } finally {
      inFlight.delete(request.requestId);
    }
  }

  let worst: ExitCode = EXIT.token;
  /** Profiles with a line printed: after Ctrl-C, the rest were never started. */
  let reported = 0;
  /** Profiles deleted before their turn: nothing was sent, so they count toward no status. */
  let deleted = 0;
  // As printed: escaped controls are longer than the characters, wide ones take two columns.
  const width = Math.min(40, Math.max(...saved.map((p) => displayWidth(terminalSafe(p.name)))));
  try {
    await runBatch({
      items: saved,
      run: check,
      // The pause is politeness towards Telstra; the sandbox and this computer's servers skip it.
      gapMs: (p) => (p.preset === 'sandbox' || onThisComputer(p.tokenUrl) ? 0 : BATCH_START_GAP_MS),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      cancelled: () => cancelled,
      // And a server that says "too many requests" gets the time it asks for: one on this computer
      // too, but not the sandbox, whose 429s are for practice.
      holdMs: (p, result) =>
        p.preset === 'sandbox' || result.ok ? 0 : rateLimitHoldMs(result.status, result.retryAfterSeconds),
      onHold: (ms, _p, result) =>
        output.err.line(
          `${PROGRAM}: too many requests (429): the next profile waits ${Math.round(ms / 1000)} s, ${holdReason(result.ok ? null : result.retryAfterSeconds)}.`,
        ),
      onResult: (index, result) => {
        const profile = saved[index]!;
        reported += 1;
        // Only Ctrl-C (or a termination signal) cancels a request here: its line says 130, as
        // `request` alone does, not 4, which would read as "no answer from the server".
        const code = !result.ok && result.kind === 'cancelled' ? EXIT.interrupted : exitCodeFor(result);
        if (!result.ok && result.kind === 'profile-deleted') deleted += 1;
        else worst = Math.max(worst, code) as ExitCode;
        if (json) {
          output.out.json({ profile: profile.name, ...resultJson(result, code, false) });
        } else {
          const status = result.status === null ? result.outcome : String(result.status);
          const name = padColumns(terminalSafe(profile.name), width);
          const verdict = terminalSafe(result.explanation.title);
          output.out.line(`${name}  ${status.padEnd(4)}  ${verdict}  ${Math.round(result.durationMs)} ms`);
        }
      },
    });
  } finally {
    await sandbox?.close();
  }
  if (cancelled) {
    // Counted, as the window's report counts them: of 500, a script's 28 lines are not the run.
    const left = saved.length - reported;
    const why = outputClosed ? ' as its output was closed (or could not be written)' : '';
    output.err.line(
      `${PROGRAM}: stopped${why}; ${left} of ${saved.length} profile${saved.length === 1 ? '' : 's'} ${left === 1 ? 'was' : 'were'} not started (cancelled before their turn), so not checked.`,
    );
    return outputClosed ? EXIT.readerGone : (Math.max(worst, EXIT.interrupted) as ExitCode);
  }
  // Every profile deleted before its turn: nothing was checked, which is no token received.
  return deleted === saved.length ? EXIT.usage : worst;
}
