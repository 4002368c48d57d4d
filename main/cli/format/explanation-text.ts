// The catalog's explanation as terminal text, with the headings the window uses, in the command
// line's words (./cli-wording.ts).
import type { Explanation } from '../../../app/explanations';
import type { Paint } from '../style';
import { cliWording, forCli } from './cli-wording';

export function explanationLines(
  catalogEntry: Explanation,
  details: readonly string[],
  paint: Paint,
): string[] {
  const explanation = forCli(catalogEntry);
  const success = explanation.tone === 'success';
  const lines = [explanation.meaning, ...details.map(cliWording)];
  if (explanation.causes.length > 0) {
    lines.push('', paint.bold(success ? 'Good to know:' : 'Likely causes, most likely first:'));
    explanation.causes.forEach((cause, i) => lines.push(`  ${i + 1}. ${cause}`));
  }
  if (explanation.nextSteps.length > 0) {
    lines.push('', paint.bold(success ? 'Next:' : 'What to try:'));
    for (const step of explanation.nextSteps) lines.push(`  - ${step}`);
  }
  return lines;
}

/** The title in the explanation's tone. */
export function titleIn(explanation: Explanation, paint: Paint): string {
  const tone =
    explanation.tone === 'success' ? paint.good : explanation.tone === 'warning' ? paint.warn : paint.bad;
  return tone(explanation.title);
}
