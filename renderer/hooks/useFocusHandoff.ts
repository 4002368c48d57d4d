// While work runs, the button that started it is disabled, and once it ends the Cancel button is
// gone: either takes the keyboard's focus with it, to the start of the page, and a keyboard user
// would have to find their way back. So focus that fell to the page (or sits on the disabled
// button) goes to Cancel when the work starts and back to the starting button when it ends.
// Focus anywhere else (a field the user is typing in when Ctrl+Enter sends the request) stays.
import { useEffect, useRef, type RefObject } from 'react';

export function useFocusHandoff(
  busy: boolean,
  start: RefObject<HTMLElement | null>,
  cancel: RefObject<HTMLElement | null>,
): void {
  const was = useRef(busy);
  useEffect(() => {
    const active = document.activeElement;
    if (busy !== was.current && (active === document.body || active === start.current))
      (busy ? cancel : start).current?.focus();
    was.current = busy;
  }, [busy, start, cancel]);
}
