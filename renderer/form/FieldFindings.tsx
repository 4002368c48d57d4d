// Pre-flight findings under a field, as the user types, each with a one-click fix where the fix
// is certain. They never block sending.
import type { Finding } from '../../app/preflight';

export function FieldFindings({
  findings,
  onFix,
}: {
  findings: readonly Finding[];
  onFix: (value: string) => void;
}) {
  if (findings.length === 0) return null;
  return (
    <ul className="findings" aria-label="Checks">
      {findings.map((finding) => (
        <li key={finding.id} className={`finding finding--${finding.severity}`}>
          <span>{finding.message}</span>
          {finding.fix ? (
            <button type="button" className="link" onClick={() => onFix(finding.fix?.value ?? '')}>
              {finding.fix.label}
            </button>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
