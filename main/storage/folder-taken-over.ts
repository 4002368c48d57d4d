// A process whose data-folder lock another took over (it was paused or asleep for longer than a
// lock of another computer or PID namespace counts as held: main/browser/data-lock.ts) still holds
// the files in memory: written, they replaced whatever the other process saved meanwhile (an
// import's profiles lost, their secrets left in the keychain without them). Each store checks the
// lock still names this process before it writes (JsonStoreOptions.stillHeld), and refuses if not.

/** Whether this process still holds the data folder (DataLock's stillHeld). */
export type StillHeld = () => Promise<boolean>;

export const TAKEN_OVER =
  'Another program took over this data folder while this one was paused or asleep, so nothing is saved from here. Restart the app to see its changes.';

/** The same, said by `profiles import` on the command line, where there is no app to restart. */
export const TAKEN_OVER_IMPORT =
  'Another program took over this data folder while this import was paused, so nothing more is imported from here. Import again once that program has finished.';

/** Who holds the folder now, as a load that leaves a file as it is says it (json-store.ts, heldOrLeft). */
export const TAKEN_OVER_BY = 'another program, which took it over while this one was paused or asleep';
