// Pre-flight findings under a field, as the user types, each with a one-click fix where the fix
// is certain. They never block sending. The field names them as its description (`describedBy`),
// read out when it is reached, not as each keystroke changes them.
import type { Finding } from '../../app/preflight';

/** A field's aria-describedby: the ids of what is shown under it (a hint, its findings), if any. */
export const describedBy = (...ids: (string | false)[]) => ids.filter(Boolean).join(' ') || undefined;

/** The id of a field's findings, from the field's id. */
export const findingsId = (fieldId: string) => `${fieldId}-checks`;

export function FieldFindings({
  id,
  findings,
  onFix,
}: {
  /** The field's id. */
  id: string;
  findings: readonly Finding[];
  onFix: (value: string) => void;
}) {
  if (findings.length === 0) return null;
  return (
    <ul className="findings" aria-label="Checks" id={findingsId(id)}>
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
