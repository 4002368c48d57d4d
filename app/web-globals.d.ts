// app/ compiles without DOM or Node types, yet the WHATWG URL class exists in every runtime it
// runs in (Chromium, Node, Electron). Declare just the part the core uses.
declare class URL {
  constructor(input: string, base?: string);
  readonly href: string;
  readonly protocol: string;
  readonly username: string;
  readonly password: string;
  readonly host: string;
  readonly hostname: string;
  readonly pathname: string;
  readonly port: string;
}

// The WHATWG decoder, in every runtime the core runs in: UTF-8 with U+FFFD for bytes that are not
// (app/secret-forms.ts reads a value as a decoder reads an answer's body).
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean });
  decode(input?: Uint8Array): string;
}
