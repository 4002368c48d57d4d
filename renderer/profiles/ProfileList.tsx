import { useState, type KeyboardEvent } from 'react';
import { PRESETS } from '../../app/endpoints';
import type { ProfileSummary } from '../../app/profiles';

interface Props {
  profiles: readonly ProfileSummary[];
  selectedId: string | null;
  unsaved: boolean;
  onSelect: (profileId: string) => void;
  /** Enter: request a token with the selected profile. */
  onActivate: (profileId: string) => void;
  onNew: () => void;
  /** "Check all profiles" (starts at once) or choose which to check first. */
  onCheck: (all: boolean) => void;
}

const optionId = (profileId: string) => `profile-${profileId}`;

export function ProfileList({ profiles, selectedId, unsaved, onSelect, onActivate, onNew, onCheck }: Props) {
  const index = profiles.findIndex((p) => p.id === selectedId);
  // Only narrow windows fold the list away (styles.css); wide ones always show it beside the form.
  const [open, setOpen] = useState(false);

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const last = profiles.length - 1;
    let next: number | null = null;
    if (event.key === 'ArrowDown') next = index < 0 ? 0 : Math.min(index + 1, last);
    else if (event.key === 'ArrowUp') next = index < 0 ? last : Math.max(index - 1, 0);
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = last;
    else if (event.key === 'Enter' && !event.ctrlKey && !event.metaKey && selectedId !== null) {
      event.preventDefault();
      onActivate(selectedId);
      return;
    }
    if (next === null || last < 0) return;
    event.preventDefault();
    const target = profiles[next];
    if (target && target.id !== selectedId) onSelect(target.id);
  };

  return (
    <section className="pane pane--profiles profiles" aria-labelledby="profiles-heading">
      <div className="profiles__head">
        <h2 id="profiles-heading">Saved profiles</h2>
        {profiles.length > 0 ? (
          <button
            type="button"
            className="profiles__toggle"
            aria-expanded={open}
            onClick={() => setOpen(!open)}
          >
            {profiles.length} saved
          </button>
        ) : null}
        <button type="button" onClick={onNew}>
          New profile
        </button>
      </div>
      <ul
        role="listbox"
        aria-label="Profiles"
        tabIndex={0}
        className="profiles__list"
        aria-activedescendant={selectedId !== null && index >= 0 ? optionId(selectedId) : undefined}
        onKeyDown={onKeyDown}
      >
        {profiles.map((profile) => {
          const selected = profile.id === selectedId;
          return (
            <li
              key={profile.id}
              id={optionId(profile.id)}
              role="option"
              aria-selected={selected}
              className="profiles__item"
              onClick={(event) => {
                event.currentTarget.parentElement?.focus();
                if (!selected) onSelect(profile.id);
              }}
            >
              <span className="profiles__name">
                {profile.name}
                {selected && unsaved ? <span className="tag tag--quiet">unsaved changes</span> : null}
                {profile.secretState === 'missing' ? <span className="tag">secret missing</span> : null}
              </span>
              <span className="profiles__sub" title={profile.clientId}>
                {PRESETS[profile.preset].label} · {profile.clientId}
              </span>
            </li>
          );
        })}
      </ul>
      {profiles.length === 0 ? (
        <p className="hint">
          No saved profiles yet. Fill in the form, name it, and press “Save to keychain”.
        </p>
      ) : (
        <p className="hint">↑ ↓ to choose, Enter to request a token.</p>
      )}
      {profiles.length > 0 ? (
        <div className="profiles__batch">
          <button type="button" onClick={() => onCheck(true)}>
            Check all profiles
          </button>
          <button type="button" onClick={() => onCheck(false)}>
            Check some…
          </button>
        </div>
      ) : null}
    </section>
  );
}
