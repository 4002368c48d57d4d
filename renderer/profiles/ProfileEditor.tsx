import { memo } from 'react';
import { TextInput } from '../form/RequestForm';

interface Props {
  name: string;
  onName: (name: string) => void;
  unsaved: boolean;
  hasProfile: boolean;
  busy: boolean;
  onSave: () => void;
  onDuplicate: () => void;
  onDelete: () => void;
}

/** The profile's name and what can be done with it. */
export const ProfileEditor = memo(function ProfileEditor({
  name,
  onName,
  unsaved,
  hasProfile,
  busy,
  onSave,
  onDuplicate,
  onDelete,
}: Props) {
  return (
    // Enter in the name saves, as "Save to keychain" does (the form's only field submits it).
    <form
      className="profile-editor"
      onSubmit={(event) => {
        event.preventDefault();
        if (!busy) onSave();
      }}
    >
      {/* 80: LIMITS.profileName (app/limits.ts, which brings zod along), which the main side checks. */}
      <TextInput
        label="Profile name"
        value={name}
        onChange={onName}
        placeholder="e.g. Prod app"
        maxLength={80}
      />
      <div className="actions">
        {/* Busy, not disabled: a disabled button loses the keyboard's focus to the page. */}
        <button type="button" onClick={busy ? undefined : onSave} aria-disabled={busy}>
          Save to keychain
        </button>
        <button
          type="button"
          onClick={busy ? undefined : onDuplicate}
          aria-disabled={busy}
          disabled={!hasProfile}
        >
          Duplicate
        </button>
        <button type="button" className="danger-quiet" onClick={onDelete} disabled={busy || !hasProfile}>
          Delete profile
        </button>
        {unsaved ? (
          <span className="unsaved" role="status">
            Unsaved changes
          </span>
        ) : null}
      </div>
    </form>
  );
});
