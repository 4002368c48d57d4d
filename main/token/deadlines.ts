// Deadlines for requests in flight, on one timer. Arming and clearing a timer for every request
// is a measurable share of a loopback request (`npm run bench`), and requests nearly always end
// long before their deadline; so the timer stays armed for the earliest deadline, and when it
// fires it aborts what is overdue and re-arms for the next, or stops when nothing is in flight.
// The timer is unref'd: a request in flight keeps the process alive through its socket.

export interface Deadlines {
  /** Aborts `controller` with `reason` once `ms` have passed, unless released before. */
  watch(controller: AbortController, ms: number, reason: unknown): void;
  release(controller: AbortController): void;
}

export function createDeadlines(clock: () => number = () => performance.now()): Deadlines {
  const pending = new Map<AbortController, { readonly at: number; readonly reason: unknown }>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let armedFor = Infinity;

  function arm(): void {
    let earliest = Infinity;
    for (const { at } of pending.values()) earliest = Math.min(earliest, at);
    if (earliest === Infinity) return;
    armedFor = earliest;
    timer = setTimeout(fire, Math.max(0, earliest - clock()));
    timer.unref?.();
  }

  function fire(): void {
    timer = null;
    armedFor = Infinity;
    const now = clock();
    for (const [controller, { at, reason }] of pending) {
      if (at > now) continue;
      pending.delete(controller);
      controller.abort(reason);
    }
    arm();
  }

  return {
    watch(controller, ms, reason) {
      const at = clock() + ms;
      pending.set(controller, { at, reason });
      if (at >= armedFor) return;
      if (timer !== null) clearTimeout(timer);
      arm();
    },
    release(controller) {
      pending.delete(controller);
    },
  };
}
