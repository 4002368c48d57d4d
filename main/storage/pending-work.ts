// Work under way that a quit waits for (a bounded while): keychain writes, and the history and
// preferences being written just after an answer, when a quit or Ctrl-C may already be coming.

/** Promises under way, kept until each settles. */
export function pendingWork() {
  const pending = new Set<Promise<unknown>>();
  return {
    /** `work`, kept until it settles. */
    track<T>(work: Promise<T>): Promise<T> {
      pending.add(work);
      const done = () => pending.delete(work);
      work.then(done, done);
      return work;
    },
    /** Once all of it has settled, work tracked while waiting included. */
    async settled(): Promise<void> {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
  };
}

/** True once `work` has settled, false if `ms` pass first. */
export function settledWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    const done = () => {
      clearTimeout(timer);
      resolve(true);
    };
    work.then(done, done);
  });
}
