// Byte-level text encodings the core needs without TextEncoder (app/ compiles with ES2023 types
// only). Lone surrogates become U+FFFD, exactly as TextEncoder, URLSearchParams and Node's
// Buffer do, so every encoding here agrees with what the network layer will actually send.

const REPLACEMENT_CHARACTER = 0xfffd;

/** The UTF-8 bytes of `text`. */
export function utf8Bytes(text: string): number[] {
  const bytes: number[] = [];
  // `for…of` walks code points; a lone surrogate comes out on its own.
  for (const char of text) {
    let code = char.codePointAt(0) ?? REPLACEMENT_CHARACTER;
    if (code >= 0xd800 && code <= 0xdfff) code = REPLACEMENT_CHARACTER;
    if (code < 0x80) {
      bytes.push(code);
    } else if (code < 0x800) {
      bytes.push(0xc0 | (code >> 6), 0x80 | (code & 0x3f));
    } else if (code < 0x10000) {
      bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
    } else {
      bytes.push(
        0xf0 | (code >> 18),
        0x80 | ((code >> 12) & 0x3f),
        0x80 | ((code >> 6) & 0x3f),
        0x80 | (code & 0x3f),
      );
    }
  }
  return bytes;
}

export interface PercentEncoding {
  /** ASCII bytes written as themselves. */
  readonly keep: ReadonlySet<number>;
  /** application/x-www-form-urlencoded writes a space as '+'. */
  readonly spaceAsPlus: boolean;
  readonly lowerCaseHex?: boolean;
}

function asciiSet(chars: string): ReadonlySet<number> {
  return new Set([...chars].map((char) => char.charCodeAt(0)));
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** The WHATWG urlencoded serializer's set (what URLSearchParams writes): alphanumerics and *-._ */
export const FORM_URLENCODED: PercentEncoding = { keep: asciiSet(`${ALPHANUMERIC}*-._`), spaceAsPlus: true };

/** What encodeURIComponent keeps, minus its URIError on lone surrogates. */
export const URI_COMPONENT: PercentEncoding = {
  keep: asciiSet(`${ALPHANUMERIC}-_.!~*'()`),
  spaceAsPlus: false,
};

/** RFC 3986 unreserved characters only (curl's --data-urlencode, most HTTP libraries). */
export const RFC3986_UNRESERVED: PercentEncoding = {
  keep: asciiSet(`${ALPHANUMERIC}-._~`),
  spaceAsPlus: false,
};

export function percentEncode(text: string, encoding: PercentEncoding): string {
  let out = '';
  for (const byte of utf8Bytes(text)) {
    if (encoding.keep.has(byte)) out += String.fromCharCode(byte);
    else if (byte === 0x20 && encoding.spaceAsPlus) out += '+';
    else {
      const hex = byte.toString(16).padStart(2, '0');
      out += `%${encoding.lowerCaseHex === true ? hex : hex.toUpperCase()}`;
    }
  }
  return out;
}

/**
 * The value percent-encoded as a request carries it (a form body; a query or path), where that
 * differs from the value: what an echo of the request's own bytes holds.
 */
export function percentEncodings(text: string): string[] {
  const forms = new Set([percentEncode(text, FORM_URLENCODED), percentEncode(text, URI_COMPONENT)]);
  forms.delete(text);
  return [...forms];
}

const BASE64_ALPHABET = `${ALPHANUMERIC.slice(0, 52)}0123456789+/`;

/** Standard base64 (RFC 4648 §4, with padding) of the UTF-8 bytes of `text`. */
export function base64(text: string): string {
  return base64OfBytes(utf8Bytes(text));
}

/** Standard base64 (RFC 4648 §4, with padding) of `bytes`. */
export function base64OfBytes(bytes: readonly number[]): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const triple = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += BASE64_ALPHABET.charAt((triple >> 18) & 0x3f);
    out += BASE64_ALPHABET.charAt((triple >> 12) & 0x3f);
    out += b === undefined ? '=' : BASE64_ALPHABET.charAt((triple >> 6) & 0x3f);
    out += c === undefined ? '=' : BASE64_ALPHABET.charAt(triple & 0x3f);
  }
  return out;
}
