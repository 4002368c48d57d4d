// Reading the secret: as given, less the one line break a shell or editor adds; typed at a
// terminal without echo.
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  MAX_SECRET_BYTES,
  secretFromEnv,
  secretFromStdin,
  stripOneLineBreak,
  typeHidden,
  type SecretInput,
} from '../../main/cli/secret-input';

const pipe = (text: string | Buffer) => Readable.from([text]) as unknown as SecretInput;

describe('secretFromStdin (a pipe)', () => {
  it.each([
    ['s3cret\n', 's3cret'],
    ['s3cret\r\n', 's3cret'],
    ['s3cret\n\n', 's3cret\n'],
    [' s3cret \t\n', ' s3cret \t'],
    ['s3cret', 's3cret'],
  ])('reads %j as %j: one trailing line break dropped, other white space kept', async (input, secret) => {
    expect(await secretFromStdin(pipe(input), () => undefined)).toEqual({ ok: true, secret });
  });

  it('refuses an empty secret and an input far larger than any secret', async () => {
    expect(await secretFromStdin(pipe('\n'), () => undefined)).toMatchObject({ ok: false, message: /empty/ });
    expect(
      await secretFromStdin(pipe(Buffer.alloc(MAX_SECRET_BYTES + 1, 97)), () => undefined),
    ).toMatchObject({
      ok: false,
      message: /not a client secret/,
    });
  });

  it('refuses bytes that are not UTF-8 instead of sending them mended', async () => {
    const read = await secretFromStdin(pipe(Buffer.from([0xff, 0xfe, 0x61, 0x62])), () => undefined);
    expect(read).toMatchObject({ ok: false, message: /not UTF-8/ });
  });

  it('strips at most one line break', () => {
    expect(stripOneLineBreak('a\r\n')).toBe('a');
    expect(stripOneLineBreak('a\r')).toBe('a\r');
  });
});

describe('secretFromEnv', () => {
  it('reads the variable as it is, and never names it when it is missing', () => {
    expect(secretFromEnv({ MY_SECRET: ' x ' }, 'MY_SECRET')).toEqual({ ok: true, secret: ' x ' });
    const missing = secretFromEnv({}, 'PASTED-SECRET-BY-MISTAKE');
    expect(missing).toMatchObject({ ok: false });
    expect(JSON.stringify(missing)).not.toContain('PASTED-SECRET-BY-MISTAKE');
    expect(secretFromEnv({ MY_SECRET: '' }, 'MY_SECRET')).toMatchObject({ ok: false, message: /empty/ });
  });

  it('refuses a value that is not UTF-8 as the process got it, instead of sending it mended', () => {
    const refused = { ok: false, message: /not UTF-8 text/ };
    // Node read the bytes p, 0xE4, s, s as "p\uFFFDss": 0xE4 alone is no UTF-8.
    const latin1 = () => Buffer.from([0x70, 0xe4, 0x73, 0x73]);
    expect(secretFromEnv({ S: 'p\uFFFDss' }, 'S', latin1)).toMatchObject(refused);
    // Where the bytes cannot be known (no /proc), a U+FFFD is taken for one that stands for some.
    expect(secretFromEnv({ S: 'p\uFFFDss' }, 'S', () => null)).toMatchObject(refused);
    // A Windows environment can hold half a surrogate pair, which the form body sends as U+FFFD.
    expect(secretFromEnv({ S: 'p\uD800ss' }, 'S', () => null)).toMatchObject(refused);
    expect(secretFromEnv({ S: 'p\uDC00ss' }, 'S', () => null)).toMatchObject(refused);
    // A U+FFFD that really is in the variable (its UTF-8 bytes) and a whole pair are sent as given.
    const typed = () => Buffer.from('p\uFFFDss', 'utf8');
    expect(secretFromEnv({ S: 'p\uFFFDss' }, 'S', typed)).toEqual({ ok: true, secret: 'p\uFFFDss' });
    expect(secretFromEnv({ S: 'p\u{1F511}ss' }, 'S', () => null)).toEqual({
      ok: true,
      secret: 'p\u{1F511}ss',
    });
  });

  it('takes a name the environment does not hold for unset, even one every object has', () => {
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      expect(secretFromEnv(process.env, name)).toMatchObject({ ok: false, message: /not set/ });
    }
  });
});

describe('typeHidden (the terminal prompt)', () => {
  it('collects keys until Enter or Ctrl-D', () => {
    expect(typeHidden('', 'ab')).toEqual({ value: 'ab', end: 'more', pending: '' });
    expect(typeHidden('ab', 'c\r')).toEqual({ value: 'abc', end: 'enter', pending: '' });
    expect(typeHidden('', 'pasted secret\n')).toEqual({ value: 'pasted secret', end: 'enter', pending: '' });
    expect(typeHidden('x', '\u0004')).toEqual({ value: 'x', end: 'enter', pending: '' });
  });

  it('takes Ctrl-D with nothing typed as the end of input, not as an empty secret', () => {
    expect(typeHidden('', '\u0004')).toEqual({ value: '', end: 'interrupt', pending: '' });
    expect(typeHidden('ab', '\u0015\u0004')).toEqual({ value: '', end: 'interrupt', pending: '' });
  });

  it('edits with Backspace and Ctrl-U, and stops on Ctrl-C', () => {
    expect(typeHidden('abc', '\u007f\u007fz')).toEqual({ value: 'az', end: 'more', pending: '' });
    expect(typeHidden('abc', '\u0015q')).toEqual({ value: 'q', end: 'more', pending: '' });
    expect(typeHidden('abc', '\u0003')).toEqual({ value: '', end: 'interrupt', pending: '' });
  });

  it('ignores arrow keys and other escape sequences rather than typing them', () => {
    expect(typeHidden('a', '\u001b[D\u001b[Ab\u001bOP')).toEqual({ value: 'ab', end: 'more', pending: '' });
  });

  it('keeps a Tab typed or pasted, as any other white space', () => {
    expect(typeHidden('', 'S3cr3t-Value\t\r')).toEqual({
      value: 'S3cr3t-Value\t',
      end: 'enter',
      pending: '',
    });
  });

  it('reads an escape sequence cut between two reads as one (a paste’s end marker), not as typed text', () => {
    const first = typeHidden('', '\u001b[200~S3cr3t-Value\u001b');
    expect(first).toEqual({ value: 'S3cr3t-Value', end: 'more', pending: '\u001b' });
    expect(typeHidden(first.value, '[201~\r', first.pending)).toEqual({
      value: 'S3cr3t-Value',
      end: 'enter',
      pending: '',
    });
    const cut = typeHidden('', 'ab\u001b[20');
    expect(cut).toEqual({ value: 'ab', end: 'more', pending: '\u001b[20' });
    expect(typeHidden(cut.value, '1~c', cut.pending)).toEqual({ value: 'abc', end: 'more', pending: '' });
    // Escape pressed on its own, then more keys: the Escape is dropped, every key after it counts.
    for (const next of ['Orange1\r', 'O\r']) {
      const esc = typeHidden('', '\u001b');
      expect(typeHidden(esc.value, next, esc.pending)).toEqual({
        value: next.slice(0, -1),
        end: 'enter',
        pending: '',
      });
    }
    const escO = typeHidden('', '\u001b');
    expect(typeHidden(escO.value, 'O\u0003', escO.pending)).toEqual({
      value: '',
      end: 'interrupt',
      pending: '',
    });
    // In the same read too: Alt with a key is one key, but never with Enter or Ctrl-C.
    expect(typeHidden('ab', '\u001b\r')).toEqual({ value: 'ab', end: 'enter', pending: '' });
    expect(typeHidden('ab', '\u001bO\u0003')).toEqual({ value: '', end: 'interrupt', pending: '' });
    // Escape pressed on its own, then Enter: the Escape is dropped, the Enter counts.
    const escape = typeHidden('ab', '\u001b');
    expect(typeHidden(escape.value, '\r', escape.pending)).toEqual({
      value: 'ab',
      end: 'enter',
      pending: '',
    });
  });
});

describe('secretFromStdin (a terminal)', () => {
  it('asks on stderr, reads in raw mode without echo, and restores the terminal', async () => {
    const events: string[] = [];
    const terminal = Object.assign(new PassThrough(), {
      isTTY: true,
      setRawMode: (raw: boolean) => events.push(raw ? 'echo off' : 'echo on'),
    });
    const read = secretFromStdin(terminal, (text) => events.push(text));
    terminal.write('s3c');
    terminal.write('ret\r');
    expect(await read).toEqual({ ok: true, secret: 's3cret' });
    // Echo is off before the prompt shows, so nothing typed in answer to it is echoed.
    expect(events).toEqual(['echo off', 'Client secret (not shown as you type): ', 'echo on', '\n']);
  });

  it('reads a paste whose end marker comes in two reads as the pasted text only', async () => {
    const terminal = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => undefined });
    const read = secretFromStdin(terminal, () => undefined);
    terminal.write('\u001b[200~S3cr3t-Value\u001b');
    await new Promise((resolve) => setImmediate(resolve));
    terminal.write('[201~\r');
    expect(await read).toEqual({ ok: true, secret: 'S3cr3t-Value' });
  });

  it('reports Ctrl-C as an interruption', async () => {
    const terminal = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => undefined });
    const read = secretFromStdin(terminal, () => undefined);
    terminal.write('abc\u0003');
    expect(await read).toMatchObject({ ok: false, interrupted: true });
  });

  it('reports a terminal that goes away mid-prompt as an interruption, and restores it', async () => {
    const events: string[] = [];
    const terminal = Object.assign(new PassThrough(), {
      isTTY: true,
      setRawMode: (raw: boolean) => events.push(raw ? 'echo off' : 'echo on'),
    });
    const read = secretFromStdin(terminal, () => undefined);
    terminal.end('half-typed');
    expect(await read).toMatchObject({ ok: false, interrupted: true });
    expect(events).toEqual(['echo off', 'echo on']);
  });

  it('refuses keys that are not UTF-8 (a Latin-1 terminal), read to Enter', async () => {
    const terminal = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => undefined });
    const read = secretFromStdin(terminal, () => undefined);
    terminal.write(Buffer.from([0x53, 0xe9, 0x63]));
    await new Promise((resolve) => setImmediate(resolve));
    terminal.write('ret\r');
    expect(await read).toMatchObject({ ok: false, interrupted: false, message: /not UTF-8/ });
  });

  it('reads a UTF-8 character whose bytes come in two reads as that character', async () => {
    const terminal = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => undefined });
    const read = secretFromStdin(terminal, () => undefined);
    const bytes = Buffer.from('Sé\r');
    terminal.write(bytes.subarray(0, 2));
    await new Promise((resolve) => setImmediate(resolve));
    terminal.write(bytes.subarray(2));
    expect(await read).toEqual({ ok: true, secret: 'Sé' });
  });

  it('keeps a U+FEFF typed or pasted first, as --secret-env does (not dropped as a byte order mark)', async () => {
    const terminal = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => undefined });
    const read = secretFromStdin(terminal, () => undefined);
    terminal.write(Buffer.from('\uFEFFSecret\r'));
    expect(await read).toEqual({ ok: true, secret: '\uFEFFSecret' });
  });
});
