import { memo, useState, type KeyboardEvent } from 'react';
import { PRESETS } from '../../app/endpoints';
import type { ProfileSummary } from '../../app/profiles';
import { moveInListbox } from '../common/listbox-keys';

interface Props {
  profiles: readonly ProfileSummary[];
  selectedId: string | null;
  unsaved: boolean;
  onSelect: (profileId: string) => void;
  /** Enter: request a token with the selected profile. */
  onActivate: (profileId: string) => void;
  onNew: () => void;
  /** "Import credentials…": opens the import dialog. */
  onImport: () => void;
  /** "Check all profiles" (starts at once) or choose which to check first. */
  onCheck: (all: boolean) => void;
  /** No profiles, and a notice says why (the file could not be read, the page has no access). */
  unread: boolean;
  /** False until the main process has listed them (with many, that takes a moment). */
  loaded: boolean;
}

const optionId = (profileId: string) => `profile-${profileId}`;

export const ProfileList = memo(function ProfileList({
  profiles,
  selectedId,
  unsaved,
  onSelect,
  onActivate,
  onNew,
  onImport,
  onCheck,
  unread,
  loaded,
}: Props) {
  const index = profiles.findIndex((p) => p.id === selectedId);
  // Only narrow windows fold the list away (styles.css); wide ones always show it beside the form.
  const [open, setOpen] = useState(false);

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    if (moveInListbox(event, index, profiles.length, (next) => onSelect(profiles[next]!.id))) return;
    if (event.key === 'Enter' && !event.ctrlKey && !event.metaKey && selectedId !== null) {
      event.preventDefault();
      onActivate(selectedId);
    }
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
        <button type="button" onClick={onImport}>
          Import credentials…
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
              {/* A space before each tag and the second line: the option's name is its text, read
                  as one (the space between the lines, two flex items, is not drawn). */}
              <span className="profiles__name">
                {profile.name}
                {selected && unsaved ? (
                  <>
                    {' '}
                    <span className="tag tag--quiet">unsaved changes</span>
                  </>
                ) : null}
                {profile.secretState === 'missing' ? (
                  <>
                    {' '}
                    <span className="tag">secret missing</span>
                  </>
                ) : null}
              </span>{' '}
              <span className="profiles__sub" title={profile.clientId}>
                {PRESETS[profile.preset].label} · {profile.clientId}
              </span>
            </li>
          );
        })}
      </ul>
      {!loaded ? (
        <p className="hint">Loading…</p>
      ) : profiles.length === 0 ? (
        <p className="hint">
          {unread
            ? 'No profiles can be shown: the notice at the top of the form says why.'
            : 'No saved profiles yet. Fill in the form, name it, and press “Save to keychain”.'}
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
});
