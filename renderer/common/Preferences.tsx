import { useEffect, useRef, useState } from 'react';
import { CLIPBOARD_CLEAR_CHOICES, type Settings } from '../../app/settings';

export interface PreferencesProps {
  settings: Settings;
  /** Resolves with why the change was not saved (and was put back), or null. */
  onChange: (change: Partial<Settings>) => Promise<string | null>;
}

const seconds = (n: number) => (n < 60 ? `${n} seconds` : `${n / 60} minute${n === 60 ? '' : 's'}`);

/**
 * The few preferences the app has: the inside of the disclosure in the title bar
 * (PreferencesMenu.tsx), loaded the first time it is opened.
 */
export function Preferences({ settings, onChange: save }: PreferencesProps) {
  const [problem, setProblem] = useState<string | null>(null);
  const onChange = (change: Partial<Settings>) => void save(change).then(setProblem);
  const body = useRef<HTMLDivElement>(null);
  // A popover over the window: Escape closes it, focus back on its summary; so does focus moving
  // elsewhere in the window (by Tab or a click), as it would otherwise stay open over what has it.
  // Focus leaving the window itself (another app) leaves it open.
  useEffect(() => {
    const details = body.current?.closest('details');
    if (!details) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || !details.open) return;
      // Closing is all Escape does here: not also cancelling a request (App.tsx).
      event.stopPropagation();
      details.open = false;
      details.querySelector('summary')?.focus();
    };
    const onFocusOut = (event: FocusEvent) => {
      const to = event.relatedTarget;
      if (to instanceof Node && !details.contains(to)) details.open = false;
    };
    const onPointer = (event: PointerEvent) => {
      if (event.target instanceof Node && !details.contains(event.target)) details.open = false;
    };
    details.addEventListener('keydown', onKey);
    details.addEventListener('focusout', onFocusOut);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      details.removeEventListener('keydown', onKey);
      details.removeEventListener('focusout', onFocusOut);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, []);
  return (
    <div className="preferences__body" ref={body}>
      {problem ? <p role="alert">{problem}</p> : null}
      <label>
        Clear the clipboard after copying
        <select
          value={settings.clipboardClearSeconds ?? 'never'}
          onChange={(event) =>
            onChange({
              clipboardClearSeconds: event.target.value === 'never' ? null : Number(event.target.value),
            })
          }
        >
          {CLIPBOARD_CLEAR_CHOICES.map((n) => (
            <option key={n} value={n}>
              {seconds(n)}
            </option>
          ))}
          <option value="never">never (only at expiry and on quit)</option>
        </select>
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={settings.notifyBeforeExpiry}
          onChange={(event) => onChange({ notifyBeforeExpiry: event.target.checked })}
        />
        Notify me 5 minutes before a token expires
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={settings.autoRenew}
          onChange={(event) => onChange({ autoRenew: event.target.checked })}
        />
        Renew automatically 60 seconds before expiry
      </label>
    </div>
  );
}
