// What a command touches outside itself, passed in: the output streams, stdin, the environment,
// the clock.
import type { Env } from '../config';
import { terminalSafeJson } from './format/terminal-safe';
import { paint, type Paint } from './style';

export interface OutputStream {
  write(text: string): void;
  readonly colour: boolean;
}

export interface CliIo {
  readonly env: Env;
  readonly stdin: NodeJS.ReadableStream & { readonly isTTY?: boolean };
  readonly platform: NodeJS.Platform;
  readonly homeDir: string;
  readonly cwd: string;
  now(): number;
  /** Resolves on Ctrl-C or a termination signal (for the foreground sandbox). */
  untilStopped(): Promise<void>;
  /**
   * Resolves once standard output can take no more: its reader closed it (`| head -1`) or a write
   * failed (a full disk). A command with more to do stops, as on Ctrl-C.
   */
  readonly outputClosed: Promise<void>;
  /** How the user's shell runs this program, for the commands it suggests (./run-as.ts). */
  readonly runAs: string;
  /**
   * The bytes of the last `count` arguments as the process was started, to tell a U+FFFD typed from
   * bytes that were not UTF-8 (./arg-bytes.ts); null, or not given, where that cannot be known.
   */
  readonly startingArgs?: (count: number) => readonly Buffer[] | null;
}

export interface Printer {
  readonly paint: Paint;
  /** Writes text as it is (a prompt). */
  write(text: string): void;
  /** Writes text, adding the final line break. */
  line(text?: string): void;
  /** Writes one JSON value on one line. */
  json(value: unknown): void;
}

export interface Output {
  readonly out: Printer;
  readonly err: Printer;
}

export function createOutput(stdout: OutputStream, stderr: OutputStream): Output {
  const printer = (stream: OutputStream): Printer => ({
    paint: paint(stream.colour),
    write: (text) => stream.write(text),
    line: (text = '') => stream.write(`${text}\n`),
    // Whatever a server said stays data: nothing in it that a terminal acts on (terminal-safe.ts).
    json: (value) => stream.write(`${terminalSafeJson(value)}\n`),
  });
  return { out: printer(stdout), err: printer(stderr) };
}
