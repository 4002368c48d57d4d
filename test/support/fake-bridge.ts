// A fake of the preload API for component tests: records calls, answers what the test says, and
// keeps profiles in memory (the real ones are tested against the real keychain elsewhere).
import { vi } from 'vitest';
import type { AccessCheckResult } from '../../app/access-check';
import { basicProbeSummary, probeVerdict } from '../../app/basic-probe';
import { COPIED } from '../../app/copy-messages';
import { EXPLANATIONS, explain } from '../../app/explanations';
import type { Outcome } from '../../app/outcomes';
import { preflight, type PreflightInput } from '../../app/preflight';
import { isIpcFailure } from '../../app/ipc-contract';
import { spokenResult } from '../../app/spoken-result';
import type {
  IpcResponse,
  BasicProbe,
  BatchAnswer,
  StartBatchInput,
  IpcFailure,
  ProfileList,
  SaveProfileInput,
  TokenRequestInput,
} from '../../app/ipc-contract';
import type { HistoryEntry, HistoryItem } from '../../app/history';
import { batchEntry, batchRow, batchTitle, batchVerdict } from '../../app/batch-summary';
import { DESKTOP_HOST, type HostInfo } from '../../app/host';
import { KEYCHAIN_ADVICE, keychainFailure } from '../../app/keychain';
import { DEFAULT_SETTINGS, type Settings } from '../../app/settings';
import type { TokenTesterApi } from '../../app/preload-api';

const notInFake = { ok: false, kind: 'app-error', message: 'Not in this fake.', issues: [] } as const;
import type { ProfileSummary } from '../../app/profiles';
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, type SandboxInfo } from '../../app/sandbox';
import type { TokenFailure, TokenResult, TokenSuccess } from '../../app/token-result';

export const sandboxInfo: SandboxInfo = {
  tokenUrl: 'http://127.0.0.1:45678/v2/oauth/token',
  clientId: SANDBOX_CLIENT_ID,
  clientSecret: SANDBOX_CLIENT_SECRET,
  scenarios: [{ clientId: 'sandbox-503', description: 'Service unavailable (503)' }],
};

export function success(
  input: TokenRequestInput,
  now: number,
  fields: Partial<Omit<TokenSuccess, 'explanation'>> = {},
): TokenSuccess {
  const result = {
    ok: true,
    requestId: input.requestId,
    tokenUrl: input.tokenUrl,
    durationMs: 142,
    receivedAt: now,
    outcome: 'token-received',
    status: 200,
    statusText: 'OK',
    accessToken: 'eyJ0b2tlbiI6InNhbmRib3gifQ',
    tokenType: 'Bearer',
    scope: null,
    expiresInSeconds: 3599,
    expiresAt: now + 3_599_000,
    headers: [['content-type', 'application/json']],
    contentType: 'application/json',
    ...fields,
  } as const;
  return { ...result, explanation: explain(result) };
}

export function failure(
  input: TokenRequestInput,
  fields: Partial<Omit<TokenFailure, 'explanation'>>,
): TokenFailure {
  const result = {
    ok: false,
    requestId: input.requestId,
    tokenUrl: input.tokenUrl,
    durationMs: 80,
    receivedAt: 0,
    outcome: 'http:401',
    kind: 'http',
    status: 401,
    statusText: 'Unauthorized',
    error: null,
    errorDescription: null,
    errorShape: null,
    nonStandardError: false,
    networkCode: null,
    bodyExcerpt: null,
    contentType: null,
    headers: [],
    redirectLocation: null,
    retryAfterSeconds: null,
    message: 'The server answered 401 Unauthorized.',
    findings: [],
    ...fields,
  } as const;
  return { ...result, explanation: explain(result) };
}

export type Responder = (input: TokenRequestInput) => Promise<TokenResult | IpcFailure>;

export function savedProfile(fields: Partial<ProfileSummary> = {}): ProfileSummary {
  return {
    id: '11111111-2222-4333-8444-555555555555',
    name: 'Prod app',
    clientId: 'prod-id',
    preset: 'v2',
    tokenUrl: 'https://tapi.telstra.com/v2/oauth/token',
    grantType: 'client_credentials',
    scope: 'NSMS',
    createdAt: 1,
    updatedAt: 1,
    secretState: 'stored',
    ...fields,
  };
}

export interface FakeOptions {
  readonly profiles?: ProfileSummary[];
  readonly settings?: Partial<Settings>;
  /** The desktop app unless a test says browser mode. */
  readonly host?: HostInfo;
  readonly history?: HistoryEntry[];
  readonly list?: Partial<Omit<ProfileList, 'profiles'>>;
}

export function fakeBridge(respond: Responder, options: FakeOptions = {}) {
  const profiles: ProfileSummary[] = [...(options.profiles ?? [])];
  const secrets = new Map<string, string>(profiles.map((p) => [p.id, `secret-of-${p.name}`]));
  let counter = 0;
  const probeInput: TokenRequestInput = {
    requestId: 'probe',
    preset: 'v2',
    tokenUrl: 'https://tapi.telstra.com/v2/oauth/token',
    clientId: 'id',
    secret: { source: 'typed', value: 'not-used' },
    grantType: 'client_credentials',
    scope: 'NSMS',
  };
  let settings: Settings = { ...DEFAULT_SETTINGS, ...options.settings };
  const history: HistoryEntry[] = [...(options.history ?? [])];
  // Each run's answers in full, as the main side keeps them; the window gets their verdicts.
  type Kept = { index: number; profileId: string; result: TokenResult };
  const batches = new Map<string, Promise<Kept[]>>();
  // As the main side lists an entry (main/history/history-item.ts).
  const item = (entry: HistoryEntry): HistoryItem => ({
    ...entry,
    title: entry.batch ? batchTitle(entry.batch) : EXPLANATIONS[entry.outcome].title,
  });
  // Every answer at once, with the run's history entry as the main side records and sends it.
  async function batchProgressOf(runId: string, seen: number) {
    const answers = (await batches.get(runId)) ?? [];
    const rows = answers.map((a) =>
      batchRow(profiles.find((p) => p.id === a.profileId)?.name ?? '', '', a.result, null),
    );
    const entry = batchEntry(runId, Date.now(), 0, 'sandbox', { total: answers.length, rows });
    history.splice(0, history.length, entry, ...history.filter((e) => e.id !== runId));
    return {
      ok: true as const,
      runId,
      started: answers.length,
      answers: answers.slice(seen).map(({ index, profileId, result }): BatchAnswer => ({
        index,
        profileId,
        verdict: batchVerdict(result, null),
      })),
      finished: true,
      history: { entry: item(entry), ids: history.map((e) => e.id) },
    };
  }

  const api = {
    // As the main side answers (main/handlers/token-handlers.ts): with the sentence a screen reader is told.
    requestToken: vi.fn(async (input: TokenRequestInput) => {
      const answer = await respond(input);
      return isIpcFailure(answer) ? answer : { ...answer, spoken: spokenResult(answer) };
    }),
    cancelRequest: vi.fn(async () => ({ ok: true as const })),
    getSandboxInfo: vi.fn(async () => ({ ok: true as const, sandbox: sandboxInfo })),
    getHostInfo: vi.fn(async () => ({ ok: true as const, host: options.host ?? DESKTOP_HOST })),
    copyToken: vi.fn(async () => ({
      ok: true as const,
      clearsAt: Date.now() + 30_000,
      message: COPIED.token,
    })),
    copyAuthorizationHeader: vi.fn(async () => ({
      ok: true as const,
      clearsAt: Date.now() + 30_000,
      message: COPIED.authorization,
    })),
    copyCurl: vi.fn(async () => ({ ok: true as const, clearsAt: Date.now() + 30_000, message: COPIED.curl })),
    copyReport: vi.fn(async () => ({
      ok: true as const,
      clearsAt: Date.now() + 30_000,
      message: COPIED.report,
    })),
    saveReport: vi.fn(async () => ({
      ok: true as const,
      saved: '/home/user/Documents/report.md',
    })),
    // The real rules, as the main process would run them.
    checkForm: vi.fn(async (input: PreflightInput) => ({ ok: true as const, findings: preflight(input) })),
    probeBasicAuth: vi.fn(async ({ requestId }: { requestId: string }): Promise<BasicProbe | IpcFailure> => {
      const input = { ...probeInput, requestId };
      const body = failure(input, { outcome: 'oauth:invalid_client', error: 'invalid_client' });
      const basic = success(input, Date.now());
      return {
        ok: true,
        body,
        basic,
        summary: basicProbeSummary(body, basic),
        verdicts: { body: probeVerdict(body), basic: probeVerdict(basic) },
      };
    }),
    clearClipboard: vi.fn(async () => ({ ok: true as const })),
    getSettings: vi.fn(async () => ({ ok: true as const, settings })),
    updateSettings: vi.fn(async (change: Partial<Settings>) => {
      settings = { ...settings, ...change };
      return { ok: true as const, settings };
    }),
    listHistory: vi.fn(async () => ({ ok: true as const, entries: history.map(item) })),
    explainOutcome: vi.fn(async ({ outcome }: { outcome: Outcome }) => ({
      ok: true as const,
      explanation: EXPLANATIONS[outcome],
    })),
    clearHistory: vi.fn(async () => {
      history.length = 0;
      return { ok: true as const };
    }),
    listProfiles: vi.fn(async (): Promise<ProfileList> => {
      const list = { keychain: { available: true, problem: null }, notices: [], ...options.list };
      const { available, problem } = list.keychain;
      // As the main side answers it (main/profiles/profile-service.ts).
      const keychainAdvice = available ? null : KEYCHAIN_ADVICE[problem ?? 'unavailable'];
      return { ok: true, profiles: [...profiles], keychainAdvice, ...list };
    }),
    saveProfile: vi.fn(async (input: SaveProfileInput) => {
      const index = profiles.findIndex((p) => p.id === input.profileId);
      counter += 1;
      const profile: ProfileSummary = {
        ...(index >= 0
          ? profiles[index]!
          : { id: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`, createdAt: 2 }),
        ...input.fields,
        updatedAt: 3,
        secretState: 'stored',
      };
      if (index >= 0) profiles[index] = profile;
      else profiles.push(profile);
      if (input.secret !== null) secrets.set(profile.id, input.secret);
      return { ok: true as const, profile };
    }),
    duplicateProfile: vi.fn(async () => keychainFailure('unavailable')),
    deleteProfile: vi.fn(async ({ profileId }: { profileId: string }) => {
      const index = profiles.findIndex((p) => p.id === profileId);
      if (index >= 0) profiles.splice(index, 1);
      secrets.delete(profileId);
      return { ok: true as const };
    }),
    openExternal: vi.fn(async () => ({ ok: true as const })),
    previewImport: vi.fn(async () => notInFake),
    importProfiles: vi.fn(async () => notInFake),
    exportProfiles: vi.fn(async () => ({ ok: true as const, fileName: 'p.json', json: '{}' })),
    checkMessagingAccess: vi.fn(async ({ requestId }: { requestId: string }) => accessConfirmed(requestId)),
    // A run checks each profile with the responder's answer to its request, as saved; asked to
    // wait for news, the start answers as batchProgress with seen 0 would.
    startBatch: vi.fn(
      async ({ runId, profileIds, waitForNews }: StartBatchInput): Promise<IpcResponse<'startBatch'>> => {
        const answers = Promise.all(
          profileIds.map(async (profileId, index): Promise<Kept[]> => {
            const profile = profiles.find((p) => p.id === profileId);
            if (!profile) return [];
            const result = await respond({
              requestId: `${runId}-b${index}`,
              preset: profile.preset,
              tokenUrl: profile.tokenUrl,
              clientId: profile.clientId,
              secret: { source: 'profile', profileId },
              grantType: profile.grantType,
              scope: profile.scope,
              profileId,
            });
            return isIpcFailure(result) ? [] : [{ index, profileId, result }];
          }),
        ).then((lists) => lists.flat());
        batches.set(runId, answers);
        if (waitForNews === true) return batchProgressOf(runId, 0);
        return { ok: true as const, runId, started: 0, answers: [], finished: false };
      },
    ),
    batchProgress: vi.fn(async ({ runId, seen }: { runId: string; seen: number }) =>
      batchProgressOf(runId, seen),
    ),
    batchAnswer: vi.fn(
      async ({ runId, index }: { runId: string; index: number }): Promise<IpcResponse<'batchAnswer'>> => {
        const kept = (await batches.get(runId))?.find((answer) => answer.index === index);
        if (!kept) return { ok: false, kind: 'not-found', message: 'No such answer.', issues: [] };
        return { ok: true, result: kept.result, access: null };
      },
    ),
    cancelBatch: vi.fn(async () => ({ ok: true as const })),
    copyBatchReport: vi.fn(async () => ({
      ok: true as const,
      clearsAt: null,
      message: COPIED.batchReport,
    })),
    // Recorded in the history, as the main side does (the window is not told).
    revealSecret: vi.fn(async ({ profileId }: { profileId: string }) => {
      const secret = secrets.get(profileId);
      if (secret === undefined) return keychainFailure('missing');
      history.unshift({
        id: `reveal-${(counter += 1)}`,
        at: Date.now(),
        profileName: profiles.find((p) => p.id === profileId)?.name ?? null,
        host: '',
        preset: 'custom',
        outcome: 'secret-revealed',
        ok: false,
        status: null,
        error: null,
        durationMs: 0,
      });
      return { ok: true as const, secret };
    }),
  };
  return api satisfies TokenTesterApi;
}

/** What "Check Messaging access" answers when the key may use Messaging. */
export function accessConfirmed(requestId: string): AccessCheckResult {
  return {
    ok: true,
    requestId,
    checkUrl: 'https://products.api.telstra.com/messaging/v3/virtual-numbers',
    outcome: 'access:confirmed',
    status: 200,
    statusText: 'OK',
    code: null,
    issue: null,
    suggestedAction: null,
    virtualNumbers: 2,
    retryAfterSeconds: null,
    retryAt: null,
    networkCode: null,
    requestIds: [],
    redirectLocation: null,
    bodyExcerpt: null,
    scope: { needed: 'virtual-numbers:read', requested: true, granted: true },
    message: 'Answered 200.',
    durationMs: 5,
    receivedAt: 0,
    explanation: {
      tone: 'success',
      title: 'Messaging access confirmed',
      meaning: 'A read-only Messaging call with this token was answered.',
      causes: [],
      nextSteps: [],
      details: ['The account has 2 virtual numbers.'],
    },
  };
}
