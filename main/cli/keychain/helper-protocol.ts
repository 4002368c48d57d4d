// The messages between `telstra-token` and its keychain helper (main/cli/keychain/helper.ts):
// plain JSON over Node's IPC channel, one answer per call, matched by id.

export const HELPER_METHODS = ['getPassword', 'setPassword', 'deletePassword', 'findCredentials'] as const;
export type HelperMethod = (typeof HELPER_METHODS)[number];

export interface HelperCall {
  readonly id: number;
  readonly method: HelperMethod;
  readonly args: readonly string[];
}

export type HelperReply =
  | { readonly kind: 'ready'; readonly ok: true }
  | { readonly kind: 'ready'; readonly ok: false; readonly message: string }
  | { readonly kind: 'answer'; readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly kind: 'answer'; readonly id: number; readonly ok: false; readonly message: string };

export function isHelperCall(value: unknown): value is HelperCall {
  if (typeof value !== 'object' || value === null) return false;
  const call = value as Record<string, unknown>;
  return (
    typeof call.id === 'number' &&
    (HELPER_METHODS as readonly unknown[]).includes(call.method) &&
    Array.isArray(call.args) &&
    call.args.every((arg) => typeof arg === 'string')
  );
}

export function isHelperReply(value: unknown): value is HelperReply {
  if (typeof value !== 'object' || value === null) return false;
  const reply = value as Record<string, unknown>;
  return (reply.kind === 'ready' || reply.kind === 'answer') && typeof reply.ok === 'boolean';
}
