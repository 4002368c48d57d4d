// What differs when the window runs in the user's browser (browser mode) instead of the desktop
// app: said once, briefly, and out of the way (one line until opened; no dismissing needed). The
// renderer does not know the host beyond these sentences, which the main side provides.
import { memo, useEffect, useState } from 'react';
import { HOST_NOTICE_META } from '../../app/host';
import { isIpcFailure } from '../../app/ipc-contract';
import { useBridge } from '../bridge';

/**
 * The notice's first line where the page carries it (browser mode's server writes it in): drawn
 * with the first paint, so the window does not move down when the rest arrives; the rest is
 * inside the folded details.
 */
function summaryInPage(): readonly string[] {
  const summary = document.querySelector<HTMLMetaElement>(`meta[name="${HOST_NOTICE_META}"]`)?.content;
  return summary ? [summary] : [];
}

export const HostNotice = memo(function HostNotice() {
  const api = useBridge();
  const [differences, setDifferences] = useState<readonly string[]>(summaryInPage);
  const [summary = '', ...details] = differences;
  useEffect(() => {
    let live = true;
    api
      .getHostInfo()
      .then((answer) => live && !isIpcFailure(answer) && setDifferences(answer.host.differences))
      .catch(() => undefined);
    return () => void (live = false);
  }, [api]);
  if (differences.length === 0) return null;
  return (
    <aside className="banner banner--info host-notice" aria-label="Browser mode">
      <details>
        <summary>{summary}</summary>
        {details.length > 0 ? (
          <ul>
            {details.map((text) => (
              <li key={text}>{text}</li>
            ))}
          </ul>
        ) : null}
      </details>
    </aside>
  );
});
