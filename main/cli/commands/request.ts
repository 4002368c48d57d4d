// `telstra-token request`: the credentials from a saved profile or from stdin/the environment,
// then the app's own token service, then the result as text or JSON with its exit status.
import { DEFAULT_GRANT_TYPE, DEFAULT_PRESET, PRESETS } from '../../../app/endpoints';
import type { TokenResult } from '../../../app/token-result';
import { readConfig } from '../../config';
import { createNodeHttpFetch } from '../../token/node-http-fetch';
import { createTokenService, type ResolvedTokenRequest } from '../../token/token-service';
import type { OptionValues } from '../args';
import { EXIT, exitCodeFor, type ExitCode } from '../exit-codes';
import { resultJson } from '../format/result-json';
import { resultText } from '../format/result-text';
import type { CliIo, Output } from '../io';
import { planRequest, REQUEST_ID, type Credentials, type Prepared, type RequestPlan } from '../request-plan';
import { secretFromEnv, secretFromStdin } from '../secret-input';
import { reportUsageError } from '../usage';

async function withTypedSecret(
  plan: RequestPlan,
  credentials: Extract<Credentials, { kind: 'typed' }>,
  io: CliIo,
  output: Output,
): Promise<Prepared> {
  const read =
    credentials.secretFrom.kind === 'env'
      ? secretFromEnv(io.env, credentials.secretFrom.variable)
      : await secretFromStdin(io.stdin, (text) => output.err.write(text));
  if (!read.ok) return read.interrupted ? { kind: 'interrupted' } : { kind: 'usage', message: read.message };
  const endpoint = plan.endpoint ?? {
    preset: DEFAULT_PRESET,
    tokenUrl: PRESETS[DEFAULT_PRESET].tokenUrl ?? '',
  };
  return {
    kind: 'send',
    request: {
      requestId: REQUEST_ID,
      preset: endpoint.preset,
      tokenUrl: endpoint.tokenUrl,
      clientId: credentials.clientId,
      clientSecret: read.secret,
      grantType: plan.grantType ?? DEFAULT_GRANT_TYPE,
      scope: plan.scope ?? PRESETS[endpoint.preset].scope,
    },
  };
}

/** After a failure, what the pre-flight checks say; their rules load only then. */
async function withFindings(result: TokenResult, sent: ResolvedTokenRequest): Promise<TokenResult> {
  return result.ok ? result : (await import('../../../app/preflight')).withFindings(result, sent);
}

const noSandbox = () => Promise.reject(new Error('The sandbox was not asked for.'));

/** One request through the app's token service; "sandbox" runs for this request only. */
async function send(request: ResolvedTokenRequest, deadlineMs: number, io: CliIo): Promise<TokenResult> {
  // The sandbox's server code (node:http's server side, node:crypto) loads only for the sandbox.
  const sandbox =
    request.preset === 'sandbox' ? (await import('../../sandbox/sandbox-server')).lazySandbox() : null;
  const tokens = createTokenService({
    fetch: createNodeHttpFetch({ env: io.env }),
    sandboxUrl: sandbox?.url ?? noSandbox,
    deadlineMs,
    now: () => io.now(),
    // Node's `performance` global costs a cold process a few modules to load; hrtime is at hand.
    monotonic: () => Number(process.hrtime.bigint()) / 1e6,
  });
  try {
    return await tokens.request(request);
  } finally {
    await sandbox?.close();
  }
}

export async function requestCommand(options: OptionValues, io: CliIo, output: Output): Promise<ExitCode> {
  if (options['all-profiles'] === true) {
    return (await import('./all-profiles')).allProfilesCommand(options, io, output);
  }
  const planned = planRequest(options);
  const json = options.json === true;
  if (!planned.ok) {
    return reportUsageError(output, { command: 'request', message: planned.message, json }, io.runAs);
  }
  const { plan } = planned;

  // The profile code (its file schema, the keychain) is only loaded when a profile is used.
  const prepared =
    plan.credentials.kind === 'profile'
      ? await (await import('./profile-request')).withProfile(plan, plan.credentials.name, io, output)
      : await withTypedSecret(plan, plan.credentials, io, output);
  if (prepared.kind === 'interrupted') return EXIT.interrupted;
  if (prepared.kind === 'usage') {
    return reportUsageError(output, { command: 'request', message: prepared.message, json }, io.runAs);
  }

  // The token service redacts what the server said (app/redact.ts); nothing else here is from outside.
  const result =
    prepared.kind === 'result'
      ? prepared.result
      : await withFindings(
          await send(prepared.request, plan.deadlineMs ?? readConfig(io.env).deadlineMs, io),
          prepared.request,
        );
  const exitCode = exitCodeFor(result);
  if (plan.json) {
    output.out.json(resultJson(result, exitCode, plan.showToken));
  } else {
    output.out.line(
      resultText(result, { showToken: plan.showToken, paint: output.out.paint, now: io.now() }),
    );
  }
  return exitCode;
}
