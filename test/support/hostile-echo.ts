// A hostile server's echoes of a value, written with encoders independent of app/secret-forms.ts
// (Node's Buffer and URLSearchParams, JSON.stringify, hand-written serializer rules), so the tests
// check the redaction against what real serializers write, not against its own list.
import fc from 'fast-check';

const hex4 = (unit: number, upper: boolean) => {
  const text = unit.toString(16).padStart(4, '0');
  return `\\u${upper ? text.toUpperCase() : text}`;
};
const units = (text: string) => [...Array(text.length).keys()].map((i) => text.charCodeAt(i));
const json = (text: string) => JSON.stringify(text).slice(1, -1);

/** JSON with `escape` deciding which UTF-16 units become \uXXXX (others as JSON.stringify writes them). */
function jsonEscaping(text: string, escape: (unit: number) => boolean, upper: boolean): string {
  return units(text)
    .map((unit) => (escape(unit) ? hex4(unit, upper) : json(String.fromCharCode(unit))))
    .join('');
}

const GO = new Set([0x26, 0x3c, 0x3e, 0x2028, 0x2029]);
const DOTNET = new Set([0x26, 0x3c, 0x3e, 0x27, 0x22, 0x2b, 0x60]);

function percent(text: string, keep: RegExp, lower: boolean): string {
  const bytes = Buffer.from(text, 'utf8');
  let out = '';
  for (const byte of bytes) {
    const char = String.fromCharCode(byte);
    if (byte < 0x80 && keep.test(char)) out += char;
    else {
      const hex = byte.toString(16).padStart(2, '0');
      out += `%${lower ? hex : hex.toUpperCase()}`;
    }
  }
  return out;
}

/** Every form of one exact string a server might send back. */
function formsOf(value: string): string[] {
  const b64 = Buffer.from(value, 'utf8').toString('base64');
  const forms = [
    value,
    new URLSearchParams({ s: value }).toString().slice(2),
    percent(value, /[A-Za-z0-9\-_.!~*'()]/, false),
    percent(value, /[A-Za-z0-9\-_.~]/, true),
    percent(percent(value, /[A-Za-z0-9]/, false), /[A-Za-z0-9]/, false),
    b64,
    b64.replace(/=+$/, ''),
    Buffer.from(value, 'utf8').toString('base64url'),
    json(value),
    json(value).replaceAll('/', '\\/'),
    jsonEscaping(value, (unit) => unit > 0x7e, false),
    jsonEscaping(value, (unit) => unit > 0x7e, true),
    jsonEscaping(value, () => true, false),
    jsonEscaping(value, () => true, true),
    jsonEscaping(value, (unit) => GO.has(unit), false),
    jsonEscaping(value, (unit) => DOTNET.has(unit) || unit > 0x7e, true),
    [...value].map((char) => `&#${char.codePointAt(0)};`).join(''),
    [...value].map((char) => `&#x${(char.codePointAt(0) ?? 0).toString(16)};`).join(''),
    value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`).replaceAll('&#38;', '&amp;'),
    // Its UTF-8 read as Latin-1: a header or reason phrase as node:http decodes it.
    Buffer.from(value, 'utf8').toString('latin1'),
  ];
  return [...new Set(forms)];
}

/** The value as typed and as a server that trims would echo it. */
export function variantsOf(value: string): string[] {
  return [...new Set([value, value.trim(), value.trimEnd(), value.trimStart()])].filter((v) => v !== '');
}

/** Every form of every variant (typed, trimmed) of `value`. */
export function echoForms(value: string): string[] {
  return [...new Set(variantsOf(value).flatMap(formsOf))];
}

/** Inside an HTTP Basic credential: base64 of "id:value", which shifts the value's alignment. */
export function basicEcho(clientId: string, value: string): string {
  return Buffer.from(`${clientId}:${value}`, 'utf8').toString('base64');
}

/** Secrets long enough to be matched anywhere (8 characters or more once trimmed), hostile characters included. */
export const longSecret = fc
  .oneof(
    fc.string({ minLength: 8, maxLength: 24 }),
    fc.string({ unit: 'grapheme', minLength: 8, maxLength: 16 }),
    fc.string({
      unit: fc.constantFrom(...'aZ9 %&<>"\'+/\\`|[]_*#é€😀\u0000\u001b\n'),
      minLength: 8,
      maxLength: 20,
    }),
    fc
      .tuple(fc.string({ minLength: 8, maxLength: 20 }), fc.constantFrom(' ', '  ', '\t', '\n'))
      .map(([core, space]) => `${core}${space}`),
  )
  .filter((secret) => [...secret.trim()].length >= 8);

/** Filler around an echo: words, JSON, URLs, controls, Markdown. */
export const filler = fc.oneof(
  fc.constantFrom('', ' ', 'bad_secret:', '{"error":"', '"}', '?s=', '&x=1', '`', '|', '\n', '<b>', ':'),
  fc.string({ maxLength: 12 }),
);

/** Server text holding `value` in one of its forms, between filler. */
export function hostileText(value: string): fc.Arbitrary<string> {
  const forms = echoForms(value);
  return fc
    .tuple(filler, fc.nat({ max: forms.length - 1 }), filler)
    .map(([before, which, after]) => `${before}${forms[which] ?? value}${after}`);
}
