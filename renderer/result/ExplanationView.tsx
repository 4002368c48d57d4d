import type { Explanation } from '../../app/explanations';

export function ExplanationView({
  explanation,
  details,
}: {
  explanation: Explanation;
  details: readonly string[];
}) {
  return (
    <div className="explanation">
      <p className="meaning">{explanation.meaning}</p>
      {details.map((detail) => (
        <p className="detail" key={detail}>
          {detail}
        </p>
      ))}
      {explanation.causes.length > 0 ? (
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
    </div>
  );
}
