import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MIN_SUBSTRING_LENGTH, redactor } from '../../app/redact';
import { fold, quickFold } from '../../app/folded-forms';
import { exhaustiveFormFinder, formFinder } from '../../app/secret-forms';
import { basicEcho, echoForms, filler, hostileText, longSecret } from '../support/hostile-echo';

const secret = (value: string) => redactor([{ value, label: 'secret removed' }]);

describe('redactor: the forms of a secret', () => {
  it('removes a trimmed echo of a secret typed with a trailing space (finding 1)', () => {
    const redact = secret('Abc123xyzQrs9876 ');
    expect(redact('bad_secret:Abc123xyzQrs9876')).toBe('bad_secret:[secret removed]');
    expect(redact('https://x.example/cb?s=Abc123xyzQrs9876&y=1')).toBe(
      'https://x.example/cb?s=[secret removed]&y=1',
    );
  });

  it('removes the real control character a secret spells as a terminal shows one (\\x1b)', () => {
    // Echoed with a real ESC, then printed terminal-safe as "\x1b", it would read as the secret.
    const value = 'Sec\\x1bret-value-42';
    const redact = secret(value);
    expect(redact('you sent Sec\u001bret-value-42')).toBe('you sent [secret removed]');
    expect(redact(`you sent ${value}`)).toBe('you sent [secret removed]');
    // Only control characters: "\x41" is not an A in disguise, and text without it is left alone.
    expect(secret('Key\\x41bcdefgh')('KeyAbcdefgh')).toBe('KeyAbcdefgh');
  });

  it('removes a secret beyond ASCII echoed in a header, its UTF-8 read as Latin-1', () => {
    const redact = secret('Pässwörd-Geheimnis-1');
    const echoed = Buffer.from('Pässwörd-Geheimnis-1', 'utf8').toString('latin1');
    expect(echoed).toBe('PÃ¤sswÃ¶rd-Geheimnis-1');
    expect(redact(`realm="${echoed}"`)).toBe('realm="[secret removed]"');
    // A mix of both, as a server that decodes some of it might send.
    expect(redact('PÃ¤sswörd-Geheimnis-1')).toBe('[secret removed]');
    // Text with such characters and no secret is left as it is.
    expect(redact('Ã¤ndern Sie das Passwort')).toBe('Ã¤ndern Sie das Passwort');
  });

  it('removes a secret beyond ASCII a server wrote in Latin-1, read as UTF-8 (each such byte U+FFFD)', () => {
    const value = 'Pässwörd-Geheimnis-42';
    const redact = secret(value);
    const echoed = new TextDecoder().decode(Buffer.from(`Bad secret: ${value}`, 'latin1'));
    expect(echoed).toBe('Bad secret: P\ufffdssw\ufffdrd-Geheimnis-42');
    expect(redact(echoed)).toBe('Bad secret: [secret removed]');
    // As a finder with and without its shortcuts.
    expect(formFinder(value)(echoed)).toEqual(exhaustiveFormFinder(value)(echoed));
    // U+FFFD stands only for a character Latin-1 can write, and only where the rest matches.
    expect(redact('P\ufffdssw\ufffdrd-Geheimnis-43')).toBe('P\ufffdssw\ufffdrd-Geheimnis-43');
    expect(secret('Pass-ЖЖ-word-9')('Pass-\ufffd\ufffd-word-9')).toBe('Pass-\ufffd\ufffd-word-9');
  });

  it.each([
    ['its first character beyond ASCII', 'éclair-secret-99'],
    ['two such bytes read as one U+FFFD', 'Café©2024!xyz'],
    ['two such bytes read as another character', 'Paß§wortGeheim'],
    ['windows-1252’s € (byte 0x80)', 'Preis€12345'],
  ])('removes a secret written in windows-1252 and read as UTF-8: %s', (_case, value) => {
    const bytes = [...value].map((char) => {
      const code = char.codePointAt(0)!;
      return char === '€' ? 0x80 : code;
    });
    const echoed = new TextDecoder().decode(new Uint8Array([...Buffer.from('bad secret '), ...bytes]));
    expect(echoed).not.toContain(value);
    expect(secret(value)(echoed)).toBe('bad secret [secret removed]');
    expect(formFinder(value)(echoed)).toEqual(exhaustiveFormFinder(value)(echoed));
  });

  it('removes base64, HTML entities, \\u escapes and the JSON of Go and .NET (finding 2)', () => {
    const value = 'a<b>&c\'+d"é/Qrs9876';
    const redact = secret(value);
    const go = JSON.stringify(value).replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`);
    const dotnet = JSON.stringify(value)
      .replace(/[<>&'+]/g, (c) => `\\u00${c.charCodeAt(0).toString(16).toUpperCase()}`)
      .replace('é', '\\u00E9');
    const every = [...value].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
    const decimal = [...value].map((c) => `&#${c.charCodeAt(0)};`).join('');
    const hexadecimal = [...value].map((c) => `&#x${c.charCodeAt(0).toString(16)};`).join('');
    for (const echo of [
      Buffer.from(value).toString('base64'),
      Buffer.from(value).toString('base64url'),
      go,
      dotnet,
      every,
      decimal,
      hexadecimal,
    ]) {
      expect(redact(`x ${echo} y`), echo).not.toContain(echo.replaceAll('"', ''));
      expect(redact(`x ${echo} y`)).toMatch(/^x "?\[secret removed\]"? y$/);
    }
  });

  it('removes a secret inside a Basic credential, whatever its alignment', () => {
    for (const id of ['a', 'ab', 'abc', 'client-id-1']) {
      const echo = basicEcho(id, 'Sup3rS3cretValue');
      expect(secret('Sup3rS3cretValue')(echo)).toContain('[secret removed]');
    }
  });

  it('never garbles text that only contains a short secret inside words (finding 3)', () => {
    expect(secret('e')('The server answered')).toBe('The server answered');
    expect(secret('oauth')('https://tapi.telstra.com/v2/oauth2/token')).toBe(
      'https://tapi.telstra.com/v2/oauth2/token',
    );
    // Standing on its own it is the exact secret, and it goes.
    expect(secret('e')('bad_secret:e, got e')).toBe('bad_secret:[secret removed], got [secret removed]');
    expect(secret('e')('ZQ== \\u0065 &#101; %65')).toBe(
      '[secret removed] [secret removed] [secret removed] [secret removed]',
    );
    expect(secret('x\\u0065')('ax\\u0065')).toBe('ax\\u0065');
  });

  it('labels each value and leaves text without values alone', () => {
    const both = redactor([
      { value: 'S3cretValue!', label: 'secret removed' },
      { value: 'tok_abcdefgh', label: 'token removed' },
    ]);
    expect(both('a S3cretValue! b tok_abcdefgh')).toBe('a [secret removed] b [token removed]');
    expect(redactor([])('anything')).toBe('anything');
    expect(secret('')('anything')).toBe('anything');
  });

  it('uses a marker no form can hold when the readable one would spell a value', () => {
    const out = redactor([
      { value: 'removed]]x', label: 'secret removed' },
      { value: 'S3cretValue', label: 'secret removed' },
    ])('S3cretValue]x');
    expect(out).not.toContain('removed]]x');
    expect(out).not.toContain('S3cretValue');
    expect(out).toMatch(/^█+\]x$/);
  });
});

describe('redactor properties', () => {
  it('leaves no form of a long secret, whatever the hostile text around it', () => {
    fc.assert(
      fc.property(
        longSecret.chain((value) => fc.tuple(fc.constant(value), hostileText(value), hostileText(value))),
        ([value, first, second]) => {
          const out = secret(value)(`${first}${second}`);
          for (const form of echoForms(value)) expect(out).not.toContain(form);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('leaves no short secret standing on its own, and words containing it as they are', () => {
    const word = fc.string({ unit: fc.constantFrom(...'abcdefXYZ0123'), minLength: 1, maxLength: 6 });
    const separator = fc.constantFrom(' ', ':', '=', '&', '/', '"', ',');
    fc.assert(
      fc.property(word, fc.array(fc.tuple(word, separator), { maxLength: 5 }), (short, words) => {
        fc.pre([...short].length < MIN_SUBSTRING_LENGTH);
        const text = words.map(([w, sep]) => `${w}${sep}`).join('');
        const echoed = `${text}${short}`;
        const out = secret(short)(echoed);
        // Standing alone at the end: gone.
        expect(out.endsWith('[secret removed]')).toBe(true);
        for (const piece of out.split(/[ :=&/",]/)) expect(piece).not.toBe(short);
        // Words that only contain it are not touched.
        const inside = words.map(([w, sep]) => `x${w}${short}${w}y${sep}`).join('');
        expect(secret(short)(inside)).toBe(inside);
      }),
      { numRuns: 2000 },
    );
  });

  it('changes nothing that holds no form', () => {
    fc.assert(
      fc.property(longSecret, fc.array(filler, { maxLength: 6 }), (value, pieces) => {
        const text = pieces.join('');
        fc.pre(echoForms(value).every((form) => !text.includes(form)));
        expect(secret(value)(text)).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });

  it('finds with its quick exits exactly what the exhaustive search finds', () => {
    // formFinder skips texts too short to hold a form, searches a text with no escape character
    // for the value as itself, and works its forms out lazily (app/secret-forms.ts): none of that
    // may change a single span, for long values, short ones, or ones with escape characters.
    const anyValue = fc.oneof(
      longSecret,
      fc.string({ minLength: 1, maxLength: 7 }),
      fc.string({ unit: fc.constantFrom(...'aé %&+\\;#x0'), minLength: 1, maxLength: 10 }),
    );
    fc.assert(
      fc.property(
        anyValue.chain((value) =>
          fc.tuple(
            fc.constant(value),
            fc.oneof(
              hostileText(value),
              fc.array(filler, { maxLength: 4 }).map((p) => p.join('')),
            ),
          ),
        ),
        ([value, text]) => {
          const quick = formFinder(value);
          const exhaustive = exhaustiveFormFinder(value);
          // Twice: the first call works the forms out, the second uses them.
          for (const probe of [text, text, text.slice(1), `${text}${text}`]) {
            expect([...quick(probe)].sort()).toEqual([...exhaustive(probe)].sort());
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('at the edges of its quick exits: a text exactly as long as the value, or one shorter', () => {
    for (const value of ['s3cr3t-value', 'a+b%c', 'é&x']) {
      const quick = formFinder(value);
      const exhaustive = exhaustiveFormFinder(value);
      for (const text of [value, value.slice(1), value.slice(0, -1), ` ${value}`, `${value} `]) {
        expect([...quick(text)].sort()).toEqual([...exhaustive(text)].sort());
      }
      expect(quick(value)).not.toHaveLength(0);
    }
  });
});

describe('redactor: a dump of the request’s bytes in hexadecimal (a hostile-server tester’s finding)', () => {
  // What the server received holds the secret as the form body carries it ('/' as %2F, ' ' as
  // '+'), so its hexadecimal is not the secret's own: a gateway's debug dump showed it whole.
  const value = 'Zq8Sup3r S3cret/Wx+Kd=';
  const body = new URLSearchParams({
    client_id: 'cid',
    client_secret: value,
    grant_type: 'client_credentials',
  });
  const dump = Buffer.from(body.toString()).toString('hex');
  it.each([
    ['in small letters', dump],
    ['in capitals', dump.toUpperCase()],
    [
      'of the value percent-encoded as a URI component',
      Buffer.from(encodeURIComponent(value)).toString('hex'),
    ],
    // Node's own debug output of the body's Buffer: util.inspect, and JSON.
    [
      'a space apart (util.inspect of a Buffer: <Buffer 63 6c …>)',
      `<Buffer ${dump.match(/../g)?.join(' ')}>`,
    ],
    ['as a JSON Buffer, decimal bytes', JSON.stringify(Buffer.from(body.toString()))],
    ['as decimal bytes a comma and a space apart', [...Buffer.from(value)].join(', ')],
  ])('%s', (_name, hex) => {
    const redacted = secret(value)(`got ${hex}`);
    expect(redacted).toContain('[secret removed]');
    for (const form of [
      value,
      new URLSearchParams({ s: value }).toString().slice(2),
      encodeURIComponent(value),
    ]) {
      const bytes = [...Buffer.from(form)];
      expect(redacted.toLowerCase()).not.toContain(Buffer.from(form).toString('hex'));
      expect(redacted.toLowerCase()).not.toContain(
        bytes.map((b) => b.toString(16).padStart(2, '0')).join(' '),
      );
      expect(redacted).not.toContain(bytes.join(','));
      expect(redacted).not.toContain(bytes.join(', '));
    }
  });
});

describe('redactor: forms that read as the value without being an escape of it (a helper’s attack)', () => {
  const value = 'Zq8RmT4vKp2WxN7cLb5HyF3dJs9GeA6uQw1Ej';
  const redact = secret(value);
  const split = (between: string) => [...value].join(between);
  it.each([
    ['upper case', value.toUpperCase()],
    ['lower case', value.toLowerCase()],
    ...[
      '\u200b',
      '\u200c',
      '\u200d',
      '\u2060',
      '\ufeff',
      '\u00ad',
      '\u034f',
      '\ufe0f',
      '\u180e',
      '\u0000',
      '\u007f',
      '\b',
    ].map((char): [string, string] => [
      `U+${char.charCodeAt(0).toString(16).padStart(4, '0')} between its characters`,
      split(char),
    ]),
    // Spaced out, as a hostile server on 127.0.0.1 echoed a token to the CLI, which showed it.
    ['a space between its characters', split(' ')],
    ['a space between its characters, in capitals', split(' ').toUpperCase()],
    ['a tag character between its characters', split('\udb40\udc41')],
    ['terminal colour codes between its characters', split('\u001b[0m')],
    ['JSON-escaped zero-width spaces between its characters (a body’s raw text)', split('\\u200b')],
    ['JSON-escaped colour codes between its characters', split('\\u001b[0m')],
    ['C-escaped colour codes between its characters', split('\\x1b[31m')],
    ['full-width letters', [...value].map((c) => String.fromCodePoint(c.codePointAt(0)! + 0xfee0)).join('')],
    [
      'mathematical bold letters',
      value.replace(/[A-Z]/g, (c) => String.fromCodePoint(0x1d400 + c.charCodeAt(0) - 65)),
    ],
    ['hexadecimal', Buffer.from(value).toString('hex')],
    ['hexadecimal in capitals', Buffer.from(value).toString('hex').toUpperCase()],
  ])('%s', (_name, echoed) => {
    expect(redact(`error: ${echoed} was refused`)).toBe('error: [secret removed] was refused');
  });

  it('is found with any character Unicode draws as nothing between its characters', () => {
    // Every default-ignorable code point and the interlinear annotation marks, from Unicode's own
    // list (the regular expression's property), not the app's table: a server could put any of
    // them between the secret's characters, which the window would then show as the secret.
    const drawnAsNothing = /^[\p{Default_Ignorable_Code_Point}\ufff9-\ufffb]$/u;
    const missed: string[] = [];
    for (let code = 0; code <= 0x10ffff; code += 1) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const char = String.fromCodePoint(code);
      if (!drawnAsNothing.test(char)) continue;
      if (redact(`error: ${split(char)} was refused`) !== 'error: [secret removed] was refused')
        missed.push(`U+${code.toString(16).toUpperCase()}`);
    }
    expect(missed).toEqual([]);
  });

  it('leaves text without it as it is, and a short value’s other case alone', () => {
    expect(redact('error: the client was refused \u200b in CAPITALS')).toBe(
      'error: the client was refused \u200b in CAPITALS',
    );
    expect(secret('Abc1234')('ABC1234 abc1234')).toBe('ABC1234 abc1234');
    // A value that folds short (invisible characters in it) has no folded forms: "ab" in every
    // word would otherwise go, in any case.
    expect(secret('ab\u200b\u200b\u200b\u200b\u200b\u200b')('About a cab')).toBe('About a cab');
    // An escape of a visible character is not skipped: \u0041 is an A, not nothing.
    expect(redact(split('\\u0041'))).toBe(split('\\u0041'));
  });
});

describe('the folded view of a text', () => {
  it('is the same whether made with its map or without (random text, escapes, colour codes)', () => {
    const piece = fc.oneof(
      fc.string({ unit: 'grapheme-composite', maxLength: 4 }),
      fc.string({ unit: 'binary', maxLength: 4 }),
      fc.constantFrom(
        '\\u200b',
        '\\u0041',
        '\\x1b[31m',
        '\u001b[0m',
        '\\x0F',
        '\\',
        '\u200b',
        'ß',
        'ﬁ',
        'Ａ',
        '\udb40\udc41',
        '\ud800',
        'É',
      ),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const text = pieces.join('');
        const view = fold(text);
        expect(quickFold(text)).toBe(view.text);
        // Every unit maps back into the text, in order.
        if (view.starts !== null && view.ends !== null)
          for (let k = 0; k < view.text.length; k += 1) {
            expect(view.starts[k]).toBeLessThan(view.ends[k]!);
            expect(view.ends[k]).toBeLessThanOrEqual(text.length);
            if (k > 0) expect(view.starts[k]).toBeGreaterThanOrEqual(view.starts[k - 1]!);
          }
      }),
      { numRuns: 3000 },
    );
  });
});

describe('redactor: a text too costly to search (app/search-work.ts)', () => {
  // A server chooses its own token: one that repeats itself, in an answer that repeats it, made
  // every overlapping occurrence a search of its own (minutes of the main process at full size).
  const withheld = '[not shown: too costly to check for secrets]';
  const token = (unit: string) => unit.repeat(2000 / unit.length);

  it.each([
    ['as itself', 'a', (t: string) => t.repeat(20)],
    ['with an escape in the text', 'a', (t: string) => `%${t.repeat(20)}`],
    ['percent-encoded', 'a', (t: string) => t.replaceAll('a', '%61').repeat(8)],
    ['with a two-character period', 'ab', (t: string) => t.repeat(20)],
    ['folded to another case', 'ab', (t: string) => t.toUpperCase().repeat(20)],
  ])('withholds the whole text when a repeating token is echoed %s', (_how, unit, text) => {
    const value = token(unit);
    const redact = redactor([{ value, label: 'token removed' }]);
    const answer = `error=${text(value)}`;
    expect(redact(answer)).toBe(withheld);
    expect(redact.spans(answer)).toEqual([{ start: 0, end: answer.length, which: 1 }]);
  });

  it('still redacts in place an honest text that holds a value many times', () => {
    const value = 'Zq3xK9pL2mN8vB4c';
    const redact = redactor([{ value, label: 'secret removed' }]);
    const text = `seen ${value} &amp; %20 again; `.repeat(2000);
    expect(redact(text)).toBe('seen [secret removed] &amp; %20 again; '.repeat(2000));
  });

  it('withholds by a marker no form can hold when its own words would spell a value', () => {
    const value = 'costly to check';
    const redact = redactor([
      { value, label: 'secret removed' },
      { value: token('a'), label: 'token removed' },
    ]);
    const out = redact(`x ${token('a').repeat(20)}`);
    expect(out).not.toContain(value);
    expect(out).not.toMatch(/a{8}/);
  });
});

describe('redactor: an echo of the request’s own bytes (a helper’s attack)', () => {
  const secret = 'Sup3r+Secret/Value=42 xyz';
  const body = new URLSearchParams({
    client_id: 'myclient',
    client_secret: secret,
    grant_type: 'client_credentials',
  });
  const redact = redactor([{ value: secret, label: 'secret removed' }]);

  it('removes the form body in base64, as a gateway echoes a request, whatever the alignment', () => {
    for (const before of ['', 'x', 'xy']) {
      const echoed = Buffer.from(`${before}${body.toString()}`).toString('base64');
      const out = redact(`raw body b64: ${echoed}`);
      expect(out).toContain('[secret removed]');
      const decoded = Buffer.from(
        out.replace(/^raw body b64: /, '').replace(/\[secret removed\]/g, ''),
        'base64',
      );
      expect(decoded.toString('latin1')).not.toContain('Secret%2FValue');
    }
  });

  it('removes the form body echoed in capitals', () => {
    const out = redact(`BAD REQUEST: ${body.toString().toUpperCase()}`);
    expect(out).not.toContain('SUP3R%2BSECRET%2FVALUE%3D42+XYZ');
    expect(out).toContain('[secret removed]');
  });
});

describe('redactor: a short secret’s form body echoed in base64 or hex (a hostile-server tester’s finding)', () => {
  it.each(['hunter2', 'é+/ x', 'ab'])('covers every character carrying %j, at any alignment', (secret) => {
    const redact = redactor([{ value: secret, label: 'secret removed' }]);
    const marker = '[secret removed]';
    for (const last of [false, true]) {
      const body = new URLSearchParams(
        last
          ? { client_id: 'myclient', grant_type: 'client_credentials', client_secret: secret }
          : { client_id: 'myclient', client_secret: secret, grant_type: 'client_credentials' },
      ).toString();
      for (const before of ['', 'x', 'xy']) {
        const bytes = Buffer.from(`${before}${body}`);
        // The bytes of the secret as the body carries it (form-encoded).
        const from = Buffer.byteLength(`${before}${body.slice(0, body.indexOf('client_secret=') + 14)}`);
        const to = from + Buffer.byteLength(new URLSearchParams({ s: secret }).toString().slice(2));
        const encodings = [
          {
            text: bytes.toString('base64'),
            first: Math.floor((from * 8) / 6),
            end: Math.floor((to * 8) / 6),
          },
          {
            text: bytes.toString('base64url'),
            first: Math.floor((from * 8) / 6),
            end: Math.floor((to * 8) / 6),
          },
          { text: bytes.toString('hex'), first: from * 2, end: to * 2 },
          { text: bytes.toString('hex').toUpperCase(), first: from * 2, end: to * 2 },
          // As Node's debug output writes the body's Buffer (util.inspect, JSON), as a long
          // secret's are found (app/folded-forms.ts).
          ...[false, true].map((capitals) => {
            const text = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join(' ');
            return { text: capitals ? text.toUpperCase() : text, first: from * 3, end: to * 3 - 1 };
          }),
          ...[',', ', '].map((comma) => {
            const numbers = [...bytes].map(String);
            const upTo = (n: number) => numbers.slice(0, n).join(comma).length;
            return {
              text: numbers.join(comma),
              first: upTo(from) + (from > 0 ? comma.length : 0),
              end: upTo(to),
            };
          }),
        ];
        for (const { text, first, end } of encodings) {
          const out = redact(text);
          const at = out.indexOf(marker);
          expect(at, `${before}|${text}`).toBeGreaterThanOrEqual(0);
          // What is kept before and after the marker is the encoded text's own start and end,
          // and neither reaches a character that depends on the secret's bytes.
          const head = out.slice(0, at);
          const tail = out.slice(at + marker.length);
          expect(text.startsWith(head), out).toBe(true);
          expect(head.length, out).toBeLessThanOrEqual(first);
          expect(text.endsWith(tail), out).toBe(true);
          expect(text.length - tail.length, out).toBeGreaterThanOrEqual(end);
        }
      }
    }
  });

  it('leaves the rest of an answer alone: a short secret inside a word is not cut', () => {
    const redact = redactor([{ value: 'ab', label: 'secret removed' }]);
    expect(redact('a cab and a crab')).toBe('a cab and a crab');
  });
});

describe('redactor: base64 wrapped into lines (a helper’s attack)', () => {
  const secret = 'plainSecretValue12345';
  const redact = redactor([{ value: secret, label: 'secret removed' }]);
  const body = `client_id=my-client-id-0123456789&client_secret=${secret}&grant_type=client_credentials`;
  const wrapped = (width: number, breakWith: string) =>
    Buffer.from(body)
      .toString('base64')
      .replace(new RegExp(`(.{${width}})`, 'g'), `$1${breakWith}`);

  it.each([
    ['MIME’s 76 characters, CRLF', 76, '\r\n'],
    ['70, LF', 70, '\n'],
    ['every 16, written as JSON escapes', 16, '\\n'],
  ])('removes the secret from base64 wrapped at %s', (_how, width, breakWith) => {
    const out = redact(`got ${wrapped(width, breakWith)}`);
    expect(out).toContain('[secret removed]');
    const left = out.replace(/^got /, '').split('[secret removed]');
    for (const piece of left) {
      expect(Buffer.from(piece.replaceAll(breakWith, ''), 'base64').toString('latin1')).not.toContain(
        'Secret',
      );
    }
  });

  it('covers every base64 character that carries the secret, at any width, alignment and break', () => {
    for (const breakWith of ['\n', '\r\n', '\\n', '\n    ', '\\r\\n']) {
      for (const before of ['', 'x', 'xy']) {
        const whole = Buffer.from(`${before}${body}`).toString('base64');
        // The characters that depend on the secret's bytes only, in the unbroken base64.
        const from = before.length + body.indexOf(secret);
        const first = Math.ceil((from * 8) / 6);
        const last = Math.floor(((from + secret.length) * 8) / 6);
        for (let width = 16; width <= 80; width += 7) {
          let text = '';
          const placeOf: number[] = [];
          for (let i = 0; i < whole.length; i += 1) {
            if (i > 0 && i % width === 0) text += breakWith;
            placeOf.push(text.length);
            text += whole.charAt(i);
          }
          const spans = redact.spans(text);
          for (let i = first; i < last; i += 1) {
            const place = placeOf[i] ?? -1;
            expect(
              spans.some((span) => span.start <= place && place < span.end),
              `${JSON.stringify(breakWith)} ${before.length} ${width} ${i}`,
            ).toBe(true);
          }
        }
      }
    }
  });

  it('finds it wrapped into short lines, and after a short first line (a reviewer’s cases)', () => {
    const encoded = Buffer.from(body).toString('base64');
    for (const width of [4, 12, 15]) {
      expect(redact(encoded.replace(new RegExp(`(.{${width}})`, 'g'), '$1\n')), String(width)).toContain(
        '[secret removed]',
      );
    }
    expect(redact(`key: ${encoded.slice(0, 10)}\n${encoded.slice(10)}`)).toContain('[secret removed]');
    expect(redact(`{"d":"${encoded.slice(0, 10)}\\n${encoded.slice(10)}"}`)).toContain('[secret removed]');
  });

  it('leaves text with line breaks and no secret as it is', () => {
    const text = `line one\r\nline two\\nthree ${Buffer.from('nothing here at all').toString('base64')}\n`;
    expect(redact(text)).toBe(text);
  });
});

describe('redactor: \\x escapes, as Python, C or a shell print text (a helper’s attack)', () => {
  const secret = 'Pässwörd-Geheim-2024';
  const redact = redactor([{ value: secret, label: 'secret removed' }]);

  it.each([
    ['a string’s repr, each character up to U+00FF', 'repr=P\\xe4ssw\\xf6rd-Geheim-2024'],
    ['a bytes literal, each UTF-8 byte', "bytes=b'P\\xc3\\xa4ssw\\xc3\\xb6rd-Geheim-2024'"],
    ['hex digits in capitals', 'P\\xC3\\xA4ssw\\xF6rd-Geheim-2024'],
  ])('removes the secret from %s', (_how, text) => {
    const out = redact(text);
    expect(out).toContain('[secret removed]');
    expect(out).not.toContain('Geheim');
  });
});

describe('redactor: a long secret echoed in part (a hostile-text tester’s finding)', () => {
  const value = 'S3cr3tValue-abcdef123456';
  const clean = redactor([{ value, label: 'secret removed', fragments: true }]);

  it('removes any run of half of it or more, wherever it starts', () => {
    for (let length = value.length / 2; length < value.length; length += 1) {
      for (let start = 0; start + length <= value.length; start += 1) {
        const part = value.slice(start, start + length);
        expect(clean(`got '${part}…' instead`), part).toBe("got '[secret removed]…' instead");
      }
    }
  });

  it('leaves shorter runs, and a secret too short to be found in part is found whole only', () => {
    expect(clean(`ends in ${value.slice(-11)}`)).toBe(`ends in ${value.slice(-11)}`);
    const short = redactor([{ value: 'abcdefgh12345', label: 'secret removed', fragments: true }]);
    expect(short('abcdefgh1234 abcdefgh12345')).toBe('abcdefgh1234 [secret removed]');
  });

  it('is found only where asked: a token’s pieces (a JWT’s header) are other tokens’ too', () => {
    const token = redactor([{ value, label: 'token removed' }]);
    expect(token(value.slice(0, 16))).toBe(value.slice(0, 16));
  });

  it('removes every run of half or more of a secret of any length, its last characters included', () => {
    // Lengths that are no multiple of the pieces searched for (a quarter of the value): a run at
    // the secret's end or start is found only by following a piece outwards to the value's edge.
    const alphabet = 'Q7w-E9r_T2y.U4i~O6p!A8s@D1f#G3h$J5k%L0z^X';
    for (let length = 16; length <= 41; length += 1) {
      const secret = alphabet.slice(0, length);
      const clean = redactor([{ value: secret, label: 'secret removed', fragments: true }]);
      const half = Math.ceil(length / 2);
      for (let start = 0; start + half <= length; start += 1) {
        for (const end of new Set([start + half, length])) {
          if (end > length) continue;
          const part = secret.slice(start, end);
          // On its own (a body that is only the echo), and inside a sentence.
          expect(clean(part), `${length}: ${part}`).toBe('[secret removed]');
          expect(clean(`got '${part}' back`), `${length}: ${part}`).toBe("got '[secret removed]' back");
        }
      }
      // One character short of half is left as it is: too short to tell which secret it is.
      expect(clean(`got '${secret.slice(0, half - 1)}'`), `${length}`).toBe(
        `got '${secret.slice(0, half - 1)}'`,
      );
    }
  });

  it('takes half of the secret as typed without the white space around it', () => {
    // A pasted secret with a space or line break around it: half is of what is between.
    const secret = 'S3cr3tValue-abcd';
    const clean = redactor([{ value: ` ${secret}\n`, label: 'secret removed', fragments: true }]);
    expect(clean(`got ${secret.slice(8)} back`)).toBe('got [secret removed] back');
    expect(clean(`got ${secret.slice(0, 8)} back`)).toBe('got [secret removed] back');
  });

  it('removes the longest run found at a place, whichever piece found it first', () => {
    // A secret whose halves are alike: its second half, read where its first is, also matches a
    // run (of half) at the start of the echo. The whole echo is one run, removed as one.
    const secret = 'Ab3De6Gh9Jk-Ab3De6Gh9Jk-';
    const clean = redactor([{ value: secret, label: 'secret removed', fragments: true }]);
    expect(clean(`got ${secret.slice(0, -1)} back`)).toBe('got [secret removed] back');
  });

  it('never cuts a character beyond the first 65,536 in half', () => {
    const emoji = '😀'.repeat(20);
    const clean = redactor([{ value: emoji, label: 'secret removed', fragments: true }]);
    // 😁 shares its first half with 😀, 🨀 its second: a run of units ends or starts inside them.
    expect(clean(`a ${'😀'.repeat(12)}😁 b`)).toBe('a [secret removed] b');
    expect(clean(`a 🨀${'😀'.repeat(12)} b`)).toBe('a [secret removed] b');
  });
});
