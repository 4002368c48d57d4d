import { useEffect, useId, useRef, useState } from 'react';
import type { Finding } from '../../app/preflight';
import { describedBy, FieldFindings, findingsId } from './FieldFindings';

interface Props {
  value: string;
  onChange: (value: string) => void;
  /** The form's profile has a secret in the keychain that has not been replaced. */
  stored: boolean;
  /** The form's profile lost its keychain entry. */
  missing: boolean;
  /** Shown when a stored secret can be revealed. */
  onReveal: (() => void) | null;
  findings: readonly Finding[];
}

/** The client secret: masked unless the user asks to see it; never autocompleted or spellchecked. */
export function SecretField({ value, onChange, stored, missing, onReveal, findings }: Props) {
  const id = useId();
  const [visible, setVisible] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const revealing = useRef(false);
  // "Reveal secret" goes away once the secret is shown; its focus goes to the field that now shows
  // it (read out with its value), not to the page.
  useEffect(() => {
    if (onReveal || !revealing.current) return;
    revealing.current = false;
    if (document.activeElement === document.body) input.current?.focus();
  }, [onReveal]);
  const placeholder =
    stored && value === '' ? 'Stored in keychain' : missing ? 'Secret missing: type it and save' : '';
  return (
    <div className="field">
      <label htmlFor={id}>Client secret</label>
      <div className="with-action">
        <input
          ref={input}
          id={id}
          type={visible ? 'text' : 'password'}
          value={value}
          placeholder={placeholder}
          onChange={(event) => onChange(event.target.value)}
          aria-describedby={describedBy(
            !!placeholder && `${id}-state`,
            findings.length > 0 && findingsId(id),
          )}
          autoComplete="off"
          spellCheck={false}
          autoCapitalize="off"
          autoCorrect="off"
        />
        <button
          type="button"
          className="quiet"
          aria-pressed={visible}
          onClick={() => setVisible((shown) => !shown)}
        >
          {visible ? 'Hide secret' : 'Show secret'}
        </button>
        {onReveal ? (
          <button
            type="button"
            className="quiet"
            onClick={() => {
              setVisible(true);
              revealing.current = true;
              onReveal();
            }}
          >
            Reveal secret
          </button>
        ) : null}
      </div>
      {placeholder ? (
        <p className="hint" id={`${id}-state`}>
          {stored && value === ''
            ? 'Stored in keychain. Type a new secret to replace it.'
            : 'This profile’s secret is no longer in the keychain.'}
        </p>
      ) : null}
      <FieldFindings id={id} findings={findings} onFix={onChange} />
    </div>
  );
}
