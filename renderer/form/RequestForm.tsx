import { memo, useId, useRef, type FormEvent, type MouseEvent } from 'react';
import { PRESETS, PRESET_IDS, isPresetId } from '../../app/endpoints';
import type { FormAction, FormState, TextField } from './form-state';
import type { Finding, PreflightField } from '../../app/preflight';
import { describedBy, FieldFindings, findingsId } from './FieldFindings';
import { SecretField } from './SecretField';
import { useFocusHandoff } from '../hooks/useFocusHandoff';

interface Props {
  form: FormState;
  findings: readonly Finding[];
  dispatch: (action: FormAction) => void;
  pending: boolean;
  storedSecret: boolean;
  onReveal: (() => void) | null;
  onSubmit: () => void;
  onCancel: () => void;
}

const isMac = typeof navigator !== 'undefined' && /Mac/i.test(navigator.platform);
export const SUBMIT_SHORTCUT = isMac ? '⌘ Enter' : 'Ctrl+Enter';

interface TextInputProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: string;
  placeholder?: string;
  findings?: readonly Finding[];
  /** The longest value the field takes: typing or pasting more is refused by the field itself. */
  maxLength?: number;
}

export function TextInput({
  label,
  value,
  onChange,
  hint,
  placeholder,
  findings = [],
  maxLength,
}: TextInputProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        placeholder={placeholder}
        maxLength={maxLength}
        autoComplete="off"
        spellCheck={false}
        autoCapitalize="off"
        autoCorrect="off"
        aria-describedby={describedBy(!!hint && hintId, findings.length > 0 && findingsId(id))}
      />
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      <FieldFindings id={id} findings={findings} onFix={onChange} />
    </div>
  );
}

type FieldsProps = Omit<Props, 'pending' | 'onSubmit' | 'onCancel'>;

export function RequestForm({ pending, onSubmit, onCancel, ...fields }: Props) {
  const start = useRef<HTMLButtonElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  useFocusHandoff(pending, start, cancel);
  // A press of the button sends at once, without the browser's form submission, which goes
  // first through the browser's form-filling hooks (a millisecond in Chromium before the
  // submit event; npm run bench, click to result). Enter in a field comes here too: the browser
  // submits a form implicitly by clicking its default button. The form's own submit handler (the
  // same) stays for any other way a form is submitted.
  const submit = (event: FormEvent | MouseEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <form className="request-form" onSubmit={submit} aria-label="Token request" noValidate>
      <RequestFields {...fields} />
      <div className="actions">
        <button
          ref={start}
          type="submit"
          className="primary"
          disabled={pending}
          onClick={submit}
          aria-keyshortcuts="Control+Enter Meta+Enter"
        >
          Request token
        </button>
        {pending ? (
          <button ref={cancel} type="button" onClick={onCancel} aria-keyshortcuts="Escape">
            Cancel
          </button>
        ) : (
          <span className="hint">{SUBMIT_SHORTCUT}</span>
        )}
      </div>
    </form>
  );
}

/**
 * The fields, drawn again only when they change: a request starting or ending changes the buttons
 * and the result, not what was typed (npm run bench, click to result).
 */
const RequestFields = memo(function RequestFields({
  form,
  findings,
  dispatch,
  storedSecret,
  onReveal,
}: FieldsProps) {
  // "Empty" is said when sending, not while a fresh form is being filled in.
  const about = (field: PreflightField) => findings.filter((f) => f.field === field && f.id !== 'empty');
  const presetId = useId();
  const { values } = form;
  // The check under Token URL already says all the preset's note says (and what to do about it):
  // saying it twice would push the credentials below the fold.
  const noteRepeated = findings.some((finding) => finding.id === 'v2-retired');
  const edit = (field: TextField) => (value: string) => dispatch({ type: 'edit', field, value });
  return (
    <>
      <div className="field">
        <label htmlFor={presetId}>Endpoint</label>
        <select
          id={presetId}
          value={values.preset}
          onChange={(event) => {
            const preset = event.target.value;
            if (isPresetId(preset)) dispatch({ type: 'choose-preset', preset, sandboxUrl: null });
          }}
          aria-describedby={noteRepeated ? undefined : `${presetId}-note`}
        >
          {PRESET_IDS.map((id) => (
            <option key={id} value={id}>
              {PRESETS[id].label}
            </option>
          ))}
        </select>
        {noteRepeated ? null : (
          <p className="hint" id={`${presetId}-note`}>
            {PRESETS[values.preset].note}
          </p>
        )}
      </div>
      <TextInput
        label="Token URL"
        value={values.tokenUrl}
        onChange={edit('tokenUrl')}
        placeholder={values.preset === 'sandbox' ? 'Starting the sandbox…' : 'https://'}
        findings={about('tokenUrl')}
      />
      <TextInput
        label="Client ID"
        value={values.clientId}
        onChange={edit('clientId')}
        findings={about('clientId')}
      />
      <SecretField
        value={form.secret}
        onChange={(value) => dispatch({ type: 'edit-secret', value })}
        stored={storedSecret}
        missing={form.profile?.secretState === 'missing'}
        onReveal={onReveal}
        findings={about('clientSecret')}
      />
      <div className="field-row">
        <TextInput
          label="Grant type"
          value={values.grantType}
          onChange={edit('grantType')}
          findings={about('grantType')}
        />
        <TextInput
          label="Scope"
          value={values.scope}
          onChange={edit('scope')}
          hint="Space-separated; may be empty for v2."
          findings={about('scope')}
        />
      </div>
    </>
  );
});
