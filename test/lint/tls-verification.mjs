// Fails if any source turns TLS certificate verification off. The app sends secrets; a check
// disabled "just for testing" would send them to whoever answers.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const SCANNED = [
  'app',
  'main',
  'renderer',
  'test',
  'vite.config.ts',
  'electron-builder.yml',
  'package.json',
  '.ci',
];
const EXTENSIONS = /\.(ts|tsx|js|mjs|cjs|json|ya?ml|html|sh)$|^run$/;
const SELF = fileURLToPath(import.meta.url);
/**
 * The tests of the switches a packaged build refuses (main/startup-rules.ts, which refuses them as
 * a family without naming one) may name those switches, on a line that says so with this comment:
 * only those switches, only in those files. No source file may name them at all.
 */
const REFUSED_HERE = '// tls-lint: named to be refused';
const REFUSING_FILES = new Set(['test/unit/startup-rules.test.ts', 'test/unit/electron-main.test.ts']);
const REFUSED_SWITCHES = new Set(['--ignore-certificate-errors', '--allow-insecure-localhost']);

const FORBIDDEN = [
  [/rejectUnauthorized\s*:\s*false/, 'rejectUnauthorized: false'],
  [/NODE_TLS_REJECT_UNAUTHORIZED/, 'NODE_TLS_REJECT_UNAUTHORIZED'],
  [/ignore-certificate-errors/, '--ignore-certificate-errors'],
  [/ignoreHTTPSErrors|ignore_https_errors/, "Playwright's ignoreHTTPSErrors"],
  [/setCertificateVerifyProc/, 'setCertificateVerifyProc'],
  [/['"]certificate-error['"]/, "a 'certificate-error' handler"],
  [/checkServerIdentity\s*:/, 'a custom checkServerIdentity'],
  [/allow-insecure-localhost/, '--allow-insecure-localhost'],
];

function* files(entry) {
  const full = path.join(root, entry);
  let stats;
  try {
    stats = statSync(full);
  } catch {
    return;
  }
  if (stats.isFile()) {
    if (EXTENSIONS.test(path.basename(full))) yield full;
    return;
  }
  for (const name of readdirSync(full)) {
    if (name === 'node_modules' || name === 'dist') continue;
    yield* files(path.join(entry, name));
  }
}

const hits = [];
for (const entry of SCANNED) {
  for (const file of files(entry)) {
    if (file === SELF) continue;
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, index) => {
        const relative = path.relative(root, file).split(path.sep).join('/');
        const refusing = line.includes(REFUSED_HERE) && REFUSING_FILES.has(relative);
        for (const [pattern, what] of FORBIDDEN) {
          if (refusing && REFUSED_SWITCHES.has(what)) continue;
          if (pattern.test(line)) hits.push(`${relative}:${index + 1}: ${what}`);
        }
      });
  }
}
for (const hit of hits) console.error(`TLS verification must stay on — ${hit}`);
console.log(`tls-verification: ${hits.length} place(s) turn certificate checks off.`);
process.exit(hits.length === 0 ? 0 : 1);
