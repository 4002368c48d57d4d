import { useState } from 'react';
import type { Explanation } from '../../app/explanations';
import { isIpcFailure } from '../../app/ipc-contract';
import { useBridge } from '../bridge';

export function ExplanationView({
  explanation,
  details,
  showCauses = true,
}: {
  explanation: Explanation;
  details: readonly string[];
  showCauses?: boolean;
}) {
  const api = useBridge();
  // A link the system could not open says so, with its address, instead of the click doing nothing.
  const [linkProblem, setLinkProblem] = useState('');
  const open = (url: string) => {
    setLinkProblem('');
    void api
      .openExternal({ url })
      .catch(() => null)
      .then((answer) => {
        if (answer === null || isIpcFailure(answer))
          setLinkProblem(answer?.message ?? `The link could not be opened. Its address: ${url}`);
      });
  };
  return (
    <div className="explanation">
      <p className="meaning">{explanation.meaning}</p>
      {details.map((detail) => (
        <p className="detail" key={detail}>
          {detail}
        </p>
      ))}
      {showCauses && explanation.causes.length > 0 ? (
        <>
          <h3>{explanation.tone === 'success' ? 'Good to know' : 'Likely causes, most likely first'}</h3>
          <ol>
            {explanation.causes.map((cause) => (
              <li key={cause}>{cause}</li>
            ))}
          </ol>
        </>
      ) : null}
      {explanation.nextSteps.length > 0 ? (
        <>
          <h3>{explanation.tone === 'success' ? 'Next' : 'What to try'}</h3>
          <ul>
            {explanation.nextSteps.map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ul>
        </>
      ) : null}
      {explanation.links?.length ? (
        <p className="links">
          {explanation.links.map((link) => (
            // Opened by the main process in the system browser, and only for allowed hosts.
            <button type="button" className="link" key={link.url} onClick={() => open(link.url)}>
              {link.label} ↗
            </button>
          ))}
        </p>
      ) : null}
      {linkProblem ? <p role="alert">{linkProblem}</p> : null}
    </div>
  );
}
