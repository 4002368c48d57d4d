// The base64 forms a known value can take in text from outside (app/secret-forms.ts looks for
// them): of the value and of it percent-encoded as a request carries it, whole or inside a longer
// encoded run (a Basic credential, an echoed request body) at any of its three alignments.
import { base64, base64OfBytes, percentEncodings, utf8Bytes } from './text-encoding';

/** Base64 characters that depend only on the value's bytes, placed `offset` bytes into a run. */
function base64Core(bytes: readonly number[], offset: number, urlSafe: boolean): string {
  const padded = [...new Array<number>(offset).fill(0), ...bytes];
  const encoded = base64OfBytes(padded);
  const first = Math.ceil((offset * 8) / 6);
  const last = Math.floor(((offset + bytes.length) * 8) / 6);
  const core = encoded.slice(first, last);
  return urlSafe ? core.replaceAll('+', '-').replaceAll('/', '_') : core;
}

/**
 * The base64 forms of the value and of it percent-encoded as a request carries it (a form body, a
 * query: a gateway that echoes the request's body in base64 sends it so): whole (padded or not,
 * both alphabets) and, for long values, inside a run.
 */
export function base64Forms(value: string, long: boolean): string[] {
  const sources = new Set([value, ...percentEncodings(value)]);
  return [...new Set([...sources].flatMap((source) => base64FormsOf(source, long)))].sort(
    (a, b) => b.length - a.length,
  );
}

function base64FormsOf(value: string, long: boolean): string[] {
  const whole = base64(value);
  const bare = whole.replace(/=+$/, '');
  const forms = [
    whole,
    bare,
    whole.replaceAll('+', '-').replaceAll('/', '_'),
    bare.replaceAll('+', '-').replaceAll('/', '_'),
  ];
  if (long) {
    const bytes = utf8Bytes(value);
    for (const offset of [0, 1, 2]) {
      for (const urlSafe of [false, true]) forms.push(base64Core(bytes, offset, urlSafe));
    }
  }
  return forms.filter((form) => form !== '');
}

/** The form body's name for the secret (main/token/token-service.ts, formBody). */
const SECRET_FIELD = 'client_secret=';

/**
 * A short value counts in base64 only where it stands alone (app/secret-forms.ts): inside a run
 * its few characters occur by chance. As the request's form body carries it, though,
 * `client_secret=<value>` is long whatever the value's length: these are its forms inside an
 * encoded run, in base64 at each alignment (both alphabets), in hex (run together or a space
 * apart) and in decimal bytes, as a gateway echoing the request's body writes them.
 */
export function bodyFieldForms(value: string): string[] {
  const forms = new Set<string>();
  for (const source of new Set([value, ...percentEncodings(value)])) {
    const bytes = utf8Bytes(`${SECRET_FIELD}${source}`);
    for (const offset of [0, 1, 2]) {
      for (const urlSafe of [false, true]) forms.add(base64Core(bytes, offset, urlSafe));
    }
    const hex = bytes.map((byte) => byte.toString(16).padStart(2, '0'));
    // Run together, and a space apart or as decimal numbers as Node's debug output writes a
    // Buffer (util.inspect, JSON), as a long value's are found (app/folded-forms.ts).
    for (const form of [hex.join(''), hex.join(' ')]) {
      forms.add(form);
      forms.add(form.toUpperCase());
    }
    forms.add(bytes.join(','));
    forms.add(bytes.join(', '));
  }
  return [...forms].sort((a, b) => b.length - a.length);
}
