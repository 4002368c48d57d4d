// argv as node:util parseArgs' tokens (strict: false, positionals allowed), without loading it:
// parseArgs and its helpers are two more modules for every start to load and run, and the CLI
// only reads the tokens and applies its own rules (./args.ts). Same tokens, same order, same
// rules: `--` ends the options; `-abc` is `-a -b -c` unless a string option in it takes the rest;
// `--name=value` and `-fVALUE` carry their value inline; a string option given alone takes the next
// argument, whatever it looks like. test/unit/cli-arg-tokens.test.ts holds it to parseArgs itself.

export interface TokenSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
}

export type ArgToken =
  | {
      readonly kind: 'option';
      readonly name: string;
      readonly rawName: string;
      readonly value: string | undefined;
      readonly inlineValue: boolean | undefined;
    }
  | { readonly kind: 'positional'; readonly value: string }
  | { readonly kind: 'option-terminator' };

export function argTokens(args: readonly string[], options: Readonly<Record<string, TokenSpec>>): ArgToken[] {
  const longFor = (short: string) =>
    Object.keys(options).find((name) => Object.hasOwn(options, name) && options[name]?.short === short) ??
    short;
  const takesValue = (name: string) => Object.hasOwn(options, name) && options[name]?.type === 'string';
  /** An option written alone (no inline value): a string option takes the next argument, if any. */
  const optionWithNextValue = (name: string, rawName: string, rest: string[]): ArgToken => {
    const value = takesValue(name) && rest.length > 0 ? rest.shift() : undefined;
    return { kind: 'option', name, rawName, value, inlineValue: value === undefined ? undefined : false };
  };
  const tokens: ArgToken[] = [];
  const rest = [...args];
  while (rest.length > 0) {
    const arg = rest.shift() ?? '';
    if (arg === '--') {
      tokens.push({ kind: 'option-terminator' });
      for (const value of rest) tokens.push({ kind: 'positional', value });
      break;
    }
    const short = arg.length >= 2 && arg[0] === '-' && arg[1] !== '-';
    if (short && arg.length === 2) {
      tokens.push(optionWithNextValue(longFor(arg.charAt(1)), arg, rest));
      continue;
    }
    if (short) {
      const name = longFor(arg.charAt(1));
      if (takesValue(name)) {
        tokens.push({
          kind: 'option',
          name,
          rawName: `-${arg.charAt(1)}`,
          value: arg.slice(2),
          inlineValue: true,
        });
        continue;
      }
      // A group: each letter its own option, until a string option takes what follows it.
      const expanded: string[] = [];
      for (let at = 1; at < arg.length; at += 1) {
        const letter = arg.charAt(at);
        if (!takesValue(longFor(letter)) || at === arg.length - 1) {
          expanded.push(`-${letter}`);
        } else {
          expanded.push(`-${arg.slice(at)}`);
          break;
        }
      }
      rest.unshift(...expanded);
      continue;
    }
    if (arg.length > 2 && arg.startsWith('--')) {
      // As parseArgs: an "=" from the fourth character on makes a value, split at the first "=".
      if (!arg.includes('=', 3)) {
        tokens.push(optionWithNextValue(arg.slice(2), arg, rest));
      } else {
        const equals = arg.indexOf('=');
        const name = arg.slice(2, equals);
        tokens.push({
          kind: 'option',
          name,
          rawName: `--${name}`,
          value: arg.slice(equals + 1),
          inlineValue: true,
        });
      }
      continue;
    }
    tokens.push({ kind: 'positional', value: arg });
  }
  return tokens;
}
