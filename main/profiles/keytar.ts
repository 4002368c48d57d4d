// The only file that loads keytar. Its callers: the keychain adapter (./keychain.ts) in the app,
// and the command line's keychain helper process (main/cli/keychain/helper.ts), which must stay
// small and share no code with the command line's start-up bundle, so this file imports nothing
// else.
export type Keytar = Pick<
  typeof import('keytar'),
  'setPassword' | 'getPassword' | 'deletePassword' | 'findCredentials'
>;

/** keytar, loaded on first use, so nothing touches the keychain until a profile is used. */
export async function loadKeytar(): Promise<Keytar> {
  const loaded = (await import('keytar')) as Keytar & { default?: Keytar };
  return loaded.default ?? loaded;
}
