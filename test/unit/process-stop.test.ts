// The tests' own guard against an app process that does not stop when asked (test/support/process-stop.ts).
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { settlesWithin, stopsWithin } from '../support/process-stop';

describe('settlesWithin', () => {
  it('is true for a promise that settles in time, false for one that never does or rejects', async () => {
    expect(await settlesWithin(Promise.resolve('done'), 50)).toBe(true);
    expect(await settlesWithin(new Promise(() => undefined), 50)).toBe(false);
    expect(await settlesWithin(Promise.reject(new Error('closed')), 50)).toBe(false);
  });
});

describe('stopsWithin', () => {
  function child(script: string) {
    const process_ = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'ignore'] });
    const printed: string[] = [];
    process_.stdout.on('data', (chunk: Buffer) => printed.push(chunk.toString('utf8')));
    const exited = new Promise<void>((resolve) => process_.once('exit', () => resolve()));
    const ready = new Promise<void>((resolve) => process_.stdout.once('data', () => resolve()));
    return { process_, printed, exited, ready };
  }

  /** A child that has started, sent SIGINT, and stopsWithin run on it with the given grace. */
  async function interrupted(script: string, what: string, graceMs: number) {
    const { process_, printed, exited, ready } = child(script);
    await ready;
    process_.kill('SIGINT');
    const stopped = stopsWithin(
      exited,
      () => process_.kill('SIGKILL'),
      what,
      () => printed.join(''),
      graceMs,
    );
    return { process_, stopped };
  }

  it('lets a process that stops on SIGINT go', async () => {
    const { stopped } = await interrupted(
      "console.log('up'); setInterval(() => {}, 1000)",
      'a polite process',
      10_000,
    );
    await expect(stopped).resolves.toBeUndefined();
  });

  it('kills one that ignores SIGINT, and fails naming it with what it printed', async () => {
    const { process_, stopped } = await interrupted(
      "process.on('SIGINT', () => console.log('ignored')); console.log('up'); setInterval(() => {}, 1000)",
      'a stubborn process',
      300,
    );
    await expect(stopped).rejects.toThrow(
      /a stubborn process did not stop within 0\.3 s, so it was killed\. What it printed:\nup\n/,
    );
    expect(process_.signalCode).toBe('SIGKILL');
  });
});
