// While work runs, the button that started it is disabled, and once it ends the Cancel button is
// gone: either takes the keyboard's focus with it, to the start of the page, and a keyboard user
// would have to find their way back. So focus that fell to the page goes to Cancel when the work
// starts and back to the starting button when it ends. Focus anywhere else (a field the user is
// typing in when Ctrl+Enter sends the request) is left where it is.
import { useEffect, useRef, type RefObject } from 'react';

/** Focus is nowhere the user put it: on the page itself, or on a button the work disabled. */
function lost(disabled: HTMLElement | null): boolean {
  const active = document.activeElement;
  return active === null || active === document.body || (active === disabled && disabled !== null);
}

export function useFocusHandoff(
  busy: boolean,
  start: RefObject<HTMLElement | null>,
  cancel: RefObject<HTMLElement | null>,
): void {
  const wasBusy = useRef(busy);
  useEffect(() => {
    if (busy && !wasBusy.current && lost(start.current)) cancel.current?.focus();
    if (!busy && wasBusy.current && lost(null)) start.current?.focus();
    wasBusy.current = busy;
  }, [busy, start, cancel]);
}
