// One batch run's state on the main side, and waiting for its news: the window's call for progress
// (main/handlers/batch-handlers.ts) waits here until an answer, a start or the run's end.
import type { BatchRow } from '../../app/history';
import type { AccessCheckResult } from '../../app/access-check';
import type { TokenResult } from '../../app/token-result';
import type { KeychainProblem } from '../../app/keychain';

/** One profile's answer as the main side keeps it for the run's rows to open (batchAnswer). */
export interface KeptAnswer {
  readonly index: number;
  readonly profileId: string;
  readonly result: TokenResult;
  readonly access: AccessCheckResult | null;
}

export interface Run {
  /** performance.now() at the start: the run's time taken is not the wall clock's (see askedAt). */
  readonly startedAt: number;
  /** The history's mark at the start (HistoryStore.mark): a "Clear history" since keeps the run out. */
  readonly historyMark: number;
  readonly total: number;
  /** Each answered profile's row at its place in the run (a place not answered yet is empty). */
  readonly rows: Array<BatchRow | undefined>;
  /** Every answer in full, in the order they came; the window gets their verdicts (BatchVerdict). */
  readonly answers: KeptAnswer[];
  started: number;
  finished: boolean;
  cancelled: boolean;
  /** Requests of this run now in flight, to cancel them with the run. */
  readonly inFlight: Set<string>;
  readonly waiting: Set<() => void>;
  /**
   * When the window last asked for this run's answers, and (below) when it was last sent some:
   * performance.now(), as a wall clock set back or forward mid-run would hold news back or cancel a
   * run the window is still following.
   */
  askedAt: number;
  sentAt: number;
  /** How many had started by the last answer sent (a start is news too: its row says "Checking…"). */
  sentStarted: number;
  /** performance.now() when a wait after a 429 ends (0: none under way); a start ends it. */
  heldUntil: number;
  /** The Retry-After (seconds) of the answer that asked for that wait, for its words (holdReason). */
  heldAsked: number | null;
  /** Set once the keychain answered for itself, not for one entry (down, locked, too slow). */
  keychainDown: { readonly problem: KeychainProblem; readonly message: string } | null;
}

/** After the current turn, so that a run's last answer comes with `finished` set. */
export function wake(run: Run) {
  setImmediate(() => {
    for (const resume of run.waiting) resume();
    run.waiting.clear();
  });
}

/** Resolves at the run's next answer or end, or after `ms`. */
export function news(run: Run, ms: number): Promise<void> {
  const { waiting } = run;
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resume, ms);
    function resume() {
      clearTimeout(timer);
      waiting.delete(resume);
      resolve();
    }
    waiting.add(resume);
  });
}
