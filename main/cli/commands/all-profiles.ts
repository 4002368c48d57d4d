// `telstra-token request --all-profiles`: the token request for every saved profile, a few at a
// time with a short pause between starts (app/batch-schedule.ts), one line per profile (or one
// JSON object per line with --json) as each finishes, in the profile's name. Ctrl-C starts nothing
// more. Never a secret or a token in the output; the exit status is the worst one.
import { BATCH_START_GAP_MS, runBatch } from '../../../app/batch-schedule';
import { isLoopbackHost } from '../../../app/endpoints';
import type { Profile } from '../../../app/profiles';
import type { TokenResult } from '../../../app/token-result';
import { readConfig } from '../../config';
import { createNodeHttpFetch } from '../../token/node-http-fetch';
import { createTokenService, keychainRefusal } from '../../token/token-service';
import type { OptionValues } from '../args';
import { EXIT, exitCodeFor, type ExitCode } from '../exit-codes';
import { resultJson } from '../format/result-json';
import { terminalSafe } from '../format/terminal-safe';
import type { CliIo, Output } from '../io';
import { REQUEST_ID } from '../request-plan';
import { PROGRAM, reportUsageError } from '../usage';
import { openProfiles, tellNotices, noProfiles } from './profile-access';
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
  const timeout = typeof options.timeout === 'string' ? Number(options.timeout) : null;
  if (extra !== undefined || (timeout !== null && !(timeout > 0 && timeout <= 300))) {
    const message =
      extra !== undefined
        ? `--all-profiles uses each profile as saved, so --${extra} cannot be given with it.`
        : '--timeout must be a number of seconds between 0 and 300.';
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
  const tokens = createTokenService({
    fetch: createNodeHttpFetch({ env: io.env }),
    sandboxUrl: sandbox?.url ?? (() => Promise.reject(new Error('The sandbox was not asked for.'))),
    deadlineMs: timeout !== null ? timeout * 1000 : readConfig(io.env).deadlineMs,
    now: () => io.now(),
    monotonic: () => Number(process.hrtime.bigint()) / 1e6,
  });

  async function check(profile: Profile, index: number): Promise<TokenResult> {
    const request = {
      requestId: `${REQUEST_ID}-${index}`,
      preset: profile.preset,
      tokenUrl: profile.tokenUrl,
      clientId: profile.clientId,
      grantType: profile.grantType,
      scope: profile.scope,
    };
    const stored = await profiles.secret(profile.id);
    if (!stored.ok) {
      const problem = 'problem' in stored ? stored.problem : 'missing';
      return keychainRefusal(unsent(request), problem, stored.message, io.now());
    }
    return tokens.request({ ...request, clientSecret: stored.secret });
  }

  let cancelled = false;
  void io.untilStopped().then(() => (cancelled = true));
  let worst: ExitCode = EXIT.token;
  const width = Math.min(40, Math.max(...saved.map((p) => p.name.length)));
  try {
    await runBatch({
      items: saved,
      run: check,
      // The pause is politeness towards Telstra; the sandbox and this computer's servers skip it.
      gapMs: (p) => (p.preset === 'sandbox' || onThisComputer(p.tokenUrl) ? 0 : BATCH_START_GAP_MS),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      cancelled: () => cancelled,
      onResult: (index, result) => {
        const profile = saved[index]!;
        const code = exitCodeFor(result);
        worst = Math.max(worst, code) as ExitCode;
        if (json) {
          output.out.json({ profile: profile.name, ...resultJson(result, code, false) });
        } else {
          const status = result.status === null ? result.outcome : String(result.status);
          const name = terminalSafe(profile.name).padEnd(width);
          const verdict = terminalSafe(result.explanation.title);
          output.out.line(`${name}  ${status.padEnd(4)}  ${verdict}  ${Math.round(result.durationMs)} ms`);
        }
      },
    });
  } finally {
    await sandbox?.close();
  }
  if (cancelled) {
    output.err.line(`${PROGRAM}: stopped; profiles not yet started were not checked.`);
    return Math.max(worst, EXIT.interrupted) as ExitCode;
  }
  return worst;
}
