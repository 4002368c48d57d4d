// The command line's explanations name its options, never a control only the window has: for every
// catalog entry, as text and as JSON.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXPLANATIONS, type Explanation } from '../../app/explanations';
import { forAccessCheck } from '../../app/explanations/for-access-check';
import { CLI_EXPLANATIONS } from '../../main/cli/cli-outcomes';
import { cliWording } from '../../main/cli/format/cli-wording';
import { explanationLines } from '../../main/cli/format/explanation-text';
import { explanationJson } from '../../main/cli/format/result-json';
import { paint } from '../../main/cli/style';
import { projectRoot } from '../support/launch';

/** The window's own controls, by the label it shows (each is checked to be in the renderer). */
const WINDOW_CONTROLS = [
  'Request token',
  'Save to keychain',
  'Reveal secret',
  'Raw response',
  'Check Messaging access',
  'Sandbox (offline)',
  'Save report',
  'Copy diagnostic report',
  'Preferences',
  'Recent attempts',
];

/** Words that only make sense in front of the window. */
const WINDOW_WORDS = [
  /\bpress(ed)?\b/i,
  /\bclick/i,
  /\bbutton/i,
  /\bchoose\b/i,
  /\bpresets?\b/i,
  /\bthe form\b(?! body)/i,
  /\bfields?\b/i,
  /\bbelow\b/i,
  /diagnostic report/i,
  /restart the app/i,
];

const rendererText = (() => {
  const dir = path.join(projectRoot, 'renderer');
  return (readdirSync(dir, { recursive: true }) as string[])
    .filter((file) => file.endsWith('.tsx') || file.endsWith('.ts'))
    .map((file) => readFileSync(path.join(dir, file), 'utf8'))
    .join('\n');
})();

const entries: Array<[string, Explanation]> = [
  ...Object.entries(EXPLANATIONS),
  ...Object.entries(CLI_EXPLANATIONS),
  // As a Messaging access check that failed below its answer says them.
  ...Object.entries(EXPLANATIONS)
    .filter(([outcome]) => !outcome.startsWith('access:'))
    .map(([outcome, explanation]): [string, Explanation] => [
      `${outcome} (access check)`,
      forAccessCheck(explanation),
    ]),
];

function printed(explanation: Explanation): string {
  const details = ['A detail from the answer.'];
  return [
    ...explanationLines(explanation, details, paint(false)),
    JSON.stringify(explanationJson(explanation, details)),
  ].join('\n');
}

describe('the command line’s explanations', () => {
  it.each(WINDOW_CONTROLS)('“%s” is a control of the window (so the list below means something)', (label) => {
    expect(rendererText).toContain(label);
  });

  it.each(entries)('%s names no window-only control', (_outcome, explanation) => {
    const text = printed(explanation);
    for (const label of WINDOW_CONTROLS) expect(text).not.toContain(label);
    for (const word of WINDOW_WORDS) expect(text).not.toMatch(word);
  });

  it('names the option that does what the window’s control does', () => {
    expect(printed(EXPLANATIONS['access:v2-not-checked'])).toContain('--check-access');
    expect(printed(EXPLANATIONS['oauth:invalid_client'])).toContain('use --endpoint v3');
    expect(printed(EXPLANATIONS['oauth:invalid_client'])).toContain('use --endpoint sandbox');
    expect(printed(EXPLANATIONS['http:400'])).toContain('--json and read failure.bodyExcerpt');
    expect(printed(EXPLANATIONS['keychain:locked'])).toContain('--secret-stdin or --secret-env');
    expect(printed(EXPLANATIONS.cancelled)).toContain('Run the command again');
  });

  it('leaves the window’s catalog as it is', () => {
    expect(EXPLANATIONS.cancelled.nextSteps).toEqual(['Press “Request token” to try again.']);
    expect(cliWording('A sentence no rule knows.')).toBe('A sentence no rule knows.');
  });
});
