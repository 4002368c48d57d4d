// What every pre-flight rule shares: a finding before its fix is proven, the wording helpers,
// and the copy-and-paste damage any field can take.
import {
  insideQuotes,
  isQuoted,
  kindOf,
  kindsIn,
  trimEdges,
  unquoted,
  withoutLoneQuote,
  withoutZeroWidth,
  type CharacterKind,
} from './preflight-characters';
import { FIELD_LABELS, FIX_LABELS, PREDICATES, type Predicate } from './preflight-messages';
import type { FindingId, PreflightField, PreflightFix, PreflightInput } from './preflight';

/** A finding before its fix is proven to leave the field clean. */
export interface Draft {
  readonly id: FindingId;
  readonly severity: 'warning' | 'note';
  readonly message: string;
  readonly fix?: PreflightFix | null;
}

export type Check = (value: string, input: PreflightInput) => Draft[];

export const SEVERE = 'warning';

export function sentence(field: PreflightField, predicate: Predicate, detail = ''): string {
  // The secret's messages come from the fixed table alone: details could describe its content.
  const extra = field === 'clientSecret' || detail === '' ? '' : ` ${detail}`;
  return `${FIELD_LABELS[field]} ${PREDICATES[predicate]}${extra}`;
}

/** "Found U+200B at position 5 and U+00A0 at position 9." for the characters of the given kinds. */
export function located(value: string, kinds: readonly CharacterKind[]): string {
  const chars = [...value];
  const lead = [...value.slice(0, value.length - value.trimStart().length)].length;
  const end = chars.length - [...value.slice(value.trimEnd().length)].length;
  const hits: string[] = [];
  for (let i = lead; i < end; i += 1) {
    const char = chars[i] ?? '';
    if (!kinds.includes(kindOf(char))) continue;
    const code = (char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
    hits.push(`U+${code} at position ${i + 1}`);
  }
  if (hits.length === 0) return '';
  const shown = hits.slice(0, 3);
  const more = hits.length > 3 ? ` and ${hits.length - 3} more` : '';
  return `Found ${shown.join(', ')}${more}.`;
}

export const fix = (label: string, value: string | null): PreflightFix | null =>
  value === null ? null : { label, value };

/** Edge white space, quotes and invisible characters: the copy-and-paste damage any field can take. */
export function pasteDamage(field: PreflightField, value: string, severity: 'warning' | 'note'): Draft[] {
  const core = trimEdges(value);
  const drafts: Draft[] = [];
  if (core !== value) {
    const starts = value.trimStart() !== value;
    const ends = value.trimEnd() !== value;
    const predicate = starts && ends ? 'edgeBoth' : starts ? 'edgeStart' : 'edgeEnd';
    drafts.push({
      id: 'edge-whitespace',
      severity,
      message: sentence(field, predicate),
      fix: fix(FIX_LABELS.trim, core),
    });
  }
  if (isQuoted(core)) {
    drafts.push({
      id: 'quotes',
      severity: SEVERE,
      message: sentence(field, 'quotes'),
      fix: fix(FIX_LABELS.unquote, unquoted(value)),
    });
  } else if (withoutLoneQuote(core) !== null) {
    // A quote at one end only: what a .env file's parser keeps of a quote never closed.
    drafts.push({
      id: 'quotes',
      severity: SEVERE,
      message: sentence(field, 'quoteOpen'),
      fix: fix(FIX_LABELS.unquoteOne, withoutLoneQuote(value)),
    });
  }
  const kinds = kindsIn(insideQuotes(core));
  if (kinds.has('zero-width') || kinds.has('no-break-space')) {
    drafts.push({
      id: 'invisible',
      severity: SEVERE,
      message: sentence(field, 'invisible', located(value, ['zero-width', 'no-break-space'])),
      // A no-break space may stand for a real space or for nothing: only zero-width ones go.
      fix: kinds.has('no-break-space') ? null : fix(FIX_LABELS.removeInvisible, withoutZeroWidth(value)),
    });
  }
  return drafts;
}

/** The value as a server would compare it once the paste damage is gone. */
export function essence(value: string): string {
  return trimEdges(withoutZeroWidth(insideQuotes(trimEdges(value))));
}
