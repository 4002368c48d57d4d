// The Preferences disclosure of the title bar. Its inside is an on-demand part: fetched when the
// disclosure is first opened, not with the window.
import { memo, useState } from 'react';
import { Preferences } from '../deferred';
import type { PreferencesProps } from './Preferences';

export const PreferencesMenu = memo(function PreferencesMenu(props: PreferencesProps) {
  const [opened, setOpened] = useState(false);
  return (
    <details className="preferences" onToggle={(event) => event.currentTarget.open && setOpened(true)}>
      <summary>Preferences</summary>
      {opened ? <Preferences {...props} /> : null}
    </details>
  );
});
