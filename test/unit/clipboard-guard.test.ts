// The clipboard clean-up, with an in-memory clipboard and fake timers.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createClipboardGuard } from '../../main/clipboard/clipboard-guard';
import { concealedFormats, electronClipboardDevice } from '../../main/clipboard/electron-clipboard';

function memoryDevice() {
  const device = {
    text: '',
    writeText: vi.fn(async (text: string) => void (device.text = text)),
    readText: vi.fn(async () => device.text),
    clear: vi.fn(async () => void (device.text = '')),
  };
  return device;
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(0);
});
afterEach(() => vi.useRealTimers());

describe('the clipboard guard', () => {
  it('clears the copy after the delay', async () => {
    const device = memoryDevice();
    const guard = createClipboardGuard({ device, delaySeconds: async () => 30 });
    expect(await guard.copy('token-1', null)).toEqual({ clearsAt: 30_000 });
    expect(device.text).toBe('token-1');
    await vi.advanceTimersByTimeAsync(29_999);
    expect(device.text).toBe('token-1');
    await vi.advanceTimersByTimeAsync(1);
    expect(device.text).toBe('');
  });

  it('leaves alone whatever the user copied since', async () => {
    const device = memoryDevice();
    const guard = createClipboardGuard({ device, delaySeconds: async () => 10 });
    await guard.copy('token-1', null);
    device.text = 'a note the user copied';
    await vi.advanceTimersByTimeAsync(10_000);
    expect(device.text).toBe('a note the user copied');
    expect(device.clear).not.toHaveBeenCalled();
  });

  it('clears when the token expires, if that comes first — also with "never"', async () => {
    const device = memoryDevice();
    const guard = createClipboardGuard({ device, delaySeconds: async () => null });
    expect(await guard.copy('short-lived', 5_000)).toEqual({ clearsAt: 5_000 });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(device.text).toBe('');
    expect(await guard.copy('curl command', null)).toEqual({ clearsAt: null });
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(device.text).toBe('curl command');
  });

  it('clears at whichever comes first, the delay or the expiry', async () => {
    const device = memoryDevice();
    const guard = createClipboardGuard({ device, delaySeconds: async () => 30 });
    // The delay first: a token valid for an hour is still cleared after 30 seconds.
    expect(await guard.copy('long-lived', 3_600_000)).toEqual({ clearsAt: 30_000 });
    await vi.advanceTimersByTimeAsync(30_000);
    expect(device.text).toBe('');
    // The expiry first: a token about to expire is cleared then, before the delay.
    expect(await guard.copy('nearly-expired', 35_000)).toEqual({ clearsAt: 35_000 });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(device.text).toBe('');
  });

  it('clears on time after the computer sleeps, and on time with the wall clock set back', async () => {
    // The timers' clock stops while the computer sleeps and is never set; `shifted` is how far
    // the wall clock has moved without it.
    let shifted = 0;
    const shiftWall = (ms: number) => {
      shifted += ms;
      vi.setSystemTime(Date.now() + ms);
    };
    const device = memoryDevice();
    const guard = createClipboardGuard({
      device,
      delaySeconds: async () => 30,
      monotonic: () => Date.now() - shifted,
    });
    await guard.copy('token-1', null);
    await vi.advanceTimersByTimeAsync(10_000);
    // Asleep an hour: at the wake the 30 seconds are long past, and the window says so.
    shiftWall(3_600_000);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(device.text).toBe('');
    // Set back an hour after a copy: cleared 30 seconds after it all the same.
    await guard.copy('token-2', null);
    shiftWall(-3_600_000);
    await vi.advanceTimersByTimeAsync(29_999);
    expect(device.text).toBe('token-2');
    await vi.advanceTimersByTimeAsync(1);
    expect(device.text).toBe('');
  });

  it('clears on quit, and a new copy replaces the pending clean-up', async () => {
    const device = memoryDevice();
    const guard = createClipboardGuard({ device, delaySeconds: async () => 30 });
    await guard.copy('first', null);
    await vi.advanceTimersByTimeAsync(20_000);
    await guard.copy('second', null);
    await vi.advanceTimersByTimeAsync(15_000);
    expect(device.text).toBe('second');
    await guard.dispose();
    expect(device.text).toBe('');
  });

  it('keeps a copy made while another waited until its own time, not the other’s', async () => {
    const device = memoryDevice();
    // The delay is read for both copies before either has its answer (the first copy after start
    // reads the preferences file): "Copy token" for a token that expires in 10 s, then at once
    // "Copy diagnostic report", which has no expiry.
    let answer!: (seconds: number) => void;
    const read = new Promise<number>((resolve) => (answer = resolve));
    const guard = createClipboardGuard({ device, delaySeconds: () => read });
    const token = guard.copy('the-token', 10_000);
    const report = guard.copy('# the report', null);
    answer(30);
    await token;
    expect(await report).toEqual({ clearsAt: 30_000 });
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(device.text).toBe('# the report');
    await vi.advanceTimersByTimeAsync(20_000);
    expect(device.text).toBe('');
  });

  it('still clears a copy at its time when a copy made while it waited could not be written', async () => {
    const device = memoryDevice();
    let answer!: (seconds: number) => void;
    const read = new Promise<number>((resolve) => (answer = resolve));
    const guard = createClipboardGuard({ device, delaySeconds: () => read });
    // "Copy token" for a token that expires in 10 s, then a report the clipboard refuses.
    const token = guard.copy('the-token', 10_000);
    await vi.waitFor(() => expect(device.text).toBe('the-token'));
    device.writeText.mockRejectedValueOnce(new Error('the clipboard refused it'));
    await expect(guard.copy('# the report', null)).rejects.toThrow('refused');
    answer(30);
    expect(await token).toEqual({ clearsAt: 10_000 });
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(device.text).toBe('');
  });

  it('still clears a copy at its time when a later copy could not be written', async () => {
    const device = memoryDevice();
    const guard = createClipboardGuard({ device, delaySeconds: async () => 30 });
    // "Copy token" for a token that expires in 10 s, its clearing set; then a report the clipboard
    // refuses: the token is still there, and its clearing must be too.
    expect(await guard.copy('the-token', 10_000)).toEqual({ clearsAt: 10_000 });
    device.writeText.mockRejectedValueOnce(new Error('the clipboard refused it'));
    await expect(guard.copy('# the report', null)).rejects.toThrow('refused');
    expect(device.text).toBe('the-token');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(device.text).toBe('');
  });
});

describe("Electron's clipboard as the device", () => {
  it('writes the text with the concealed marker of the platform', async () => {
    const written: unknown[] = [];
    class FakeItem {
      constructor(readonly items: Record<string, string>) {}
    }
    const clipboard = {
      write: vi.fn(async (items: unknown[]) => void written.push(...items)),
      writeText: vi.fn(async () => undefined),
      readText: vi.fn(async () => ''),
      clear: vi.fn(),
    };
    await electronClipboardDevice(clipboard, FakeItem, 'linux').writeText('tok');
    expect((written[0] as FakeItem).items).toEqual({
      'text/plain': 'tok',
      'electron application/osclipboard;format="x-kde-passwordManagerHint"': 'secret',
    });
    expect(Object.keys(concealedFormats('darwin'))[0]).toContain('org.nspasteboard.ConcealedType');
    expect(Object.keys(concealedFormats('win32'))[0]).toContain(
      'ExcludeClipboardContentFromMonitorProcessing',
    );
    // Never an empty payload: a platform may not register a format written with nothing in it.
    for (const platform of ['linux', 'darwin', 'win32']) {
      for (const value of Object.values(concealedFormats(platform))) expect(value.length).toBeGreaterThan(0);
    }
  });

  it('falls back to plain text when the platform refuses the marker', async () => {
    class FakeItem {
      constructor(readonly items: Record<string, string>) {}
    }
    const clipboard = {
      write: vi.fn(async () => Promise.reject(new Error('unsupported format'))),
      writeText: vi.fn(async () => undefined),
      readText: vi.fn(async () => ''),
      clear: vi.fn(),
    };
    await electronClipboardDevice(clipboard, FakeItem, 'linux').writeText('tok');
    expect(clipboard.writeText).toHaveBeenCalledWith('tok');
  });
});
