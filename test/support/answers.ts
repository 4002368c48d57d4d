// The main side's answers as a test uses them: a failure thrown with its message, and profiles
// saved through the handlers as the window saves them.
import { V3_TOKEN_URL } from '../../app/endpoints';
import { isIpcFailure, type IpcFailure } from '../../app/ipc-contract';
import type { MainServices } from '../../main/services';

/** The answer, or its failure's message thrown. */
export function ok<T>(answer: T | IpcFailure): T {
  if (isIpcFailure(answer)) throw new Error(answer.message);
  return answer;
}

/**
 * `count` profiles saved at one endpoint, named `${prefix}${i}`, each with client ID `client-${i}`
 * and secret `secret-${i}`: their ids, in that order.
 */
export async function saveNumberedProfiles(
  h: MainServices['handlers'],
  count: number,
  at: { readonly tokenUrl: string; readonly preset: 'custom' | 'v3'; readonly scope: string },
  prefix = 'p',
): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const saved = ok(
      await h.saveProfile({
        profileId: null,
        fields: { name: `${prefix}${i}`, clientId: `client-${i}`, grantType: 'client_credentials', ...at },
        secret: `secret-${i}`,
      }),
    );
    if (!saved.ok) throw new Error(`${prefix}${i} not saved`);
    ids.push(saved.profile.id);
  }
  return ids;
}

/** Where "Check all profiles" tests save Messaging v3 profiles (Telstra's hosts routed to a test server). */
export const V3_PROFILES = {
  tokenUrl: V3_TOKEN_URL,
  preset: 'v3',
  scope: 'virtual-numbers:read',
} as const;
