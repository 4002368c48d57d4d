import { useId, useState } from 'react';

interface Props {
  value: string;
  onChange: (value: string) => void;
}

/** The client secret: masked unless the user asks to see it; never autocompleted or spellchecked. */
export function SecretField({ value, onChange }: Props) {
  const id = useId();
  const [visible, setVisible] = useState(false);
  return (
    <div className="field">
      <label htmlFor={id}>Client secret</label>
      <div className="with-action">
        <input
          id={id}
          type={visible ? 'text' : 'password'}
          value={value}
          onChange={(event) => onChange(event.target.value)}
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
      </div>
    </div>
  );
}
