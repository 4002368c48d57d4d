// The only file that loads keytar. Its callers: the keychain adapter (./keychain.ts) in the app,
// and the command line's keychain helper process (main/cli/keychain/helper.ts), which must stay
// small and share no code with the command line's start-up bundle, so this file imports nothing
// else.
export type Keytar = Pick<
  typeof import('keytar'),
  'setPassword' | 'getPassword' | 'deletePassword' | 'findCredentials'
>;

/**
 * keytar, loaded on first use, so nothing touches the keychain until a profile is used. The app's
 * and the CLI's bundles are CommonJS: require(). Inside the packaged app's asar archive it goes
 * through Electron's asar-aware require (keytar itself is unpacked); import() would go through the
 * ES module loader, whose asar support has regressed before. Tests run the ES module sources,
 * which have no require.
 */
export async function loadKeytar(): Promise<Keytar> {
  const loaded = (
    typeof require === 'function'
      ? // eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
        require('keytar')
      : await import('keytar')
  ) as Keytar & { default?: Keytar };
  return loaded.default ?? loaded;
}
