// What this computer says of a process, for the data-folder lock (./data-lock.ts): whether it is
// alive, when it started, and whether its process id and start time mean here what they mean to
// this process (Linux's /proc; elsewhere the answers that leave the lock's judgement as it was).
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** Whether a process with this id runs on this computer (one of another user's counts). */
export function alive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return !ended(pid);
  } catch (error) {
    // EPERM: it exists, but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A process's (or, with `task`, one of its threads') fields in Linux's /proc after the command's
 * name, or null where none are read.
 */
function statFields(pid: number, task = ''): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}${task && `/task/${task}`}/stat`, 'utf8');
    // The command's name is in parentheses, and may hold spaces and parentheses itself.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/**
 * Whether a process has ended but not been reaped (a zombie: its parent, such as a container's
 * first process that is only `sleep infinity`, does not wait for it). Its id still answers a
 * signal, so a lock it held looked held for as long as that parent lived, and stopping it, as the
 * refusal said to, could not be done. Where this cannot be read, a process is taken to run.
 */
export function ended(pid: number): boolean {
  const over = (task?: string) => ['Z', 'X'].includes(statFields(pid, task)?.[0] ?? '');
  if (!over()) return false;
  // The process's state is its first thread's: one whose first thread ended (pthread_exit) while
  // others run reads Z too, and its lock was taken over while it ran. Ended only if all have.
  try {
    return readdirSync(`/proc/${pid}/task`).every(over);
  } catch {
    return false;
  }
}

/**
 * When a process started, in clock ticks since this computer started (Linux's /proc), or null
 * where that cannot be known: unlike the wall clock, it is never stepped, and another process
 * that was later given the same id started later.
 */
export function processStart(pid: number): number | null {
  // After the command's name, the 20th field is the start time.
  const start = Number(statFields(pid)?.[19]);
  return Number.isSafeInteger(start) ? start : null;
}

/**
 * Whether a process counts time as this one does: a process in another time namespace (a
 * container, a sandbox, a restored checkpoint) sees its start time shifted, so its lock's start
 * time cannot be compared with what this process reads. A system without time namespaces has one.
 */
export function sameClock(pid: number): boolean {
  let own: string;
  try {
    own = readlinkSync('/proc/self/ns/time');
  } catch {
    return true;
  }
  try {
    return readlinkSync(`/proc/${pid}/ns/time`) === own;
  } catch {
    return false;
  }
}

/** This process's PID namespace (Linux), or null where there is none to read. */
export function pidNamespace(): string | null {
  try {
    return readlinkSync('/proc/self/ns/pid');
  } catch {
    return null;
  }
}
