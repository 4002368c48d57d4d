// The release workflow's checks of what electron-builder built (see packaged-app.ts):
//
//   node --import tsx test/support/packaged-app-cli.ts check-fuses release
//     every packaged app in release/ has the fuses electron-builder.yml asks for, asar integrity on;
//   node --import tsx test/support/packaged-app-cli.ts smoke-copy release <folder>
//     copies the app for this machine's platform and architecture to <folder>, turns its inspect
//     fuse on for Playwright, and prints `E2E_PACKAGED_APP=<its executable>` for $GITHUB_ENV.
//
// Reports go to stderr; stdout carries only that one line.
import path from 'node:path';
import {
  expectedFuses,
  fuseMismatches,
  packagedApps,
  readBuilderConfig,
  readFuses,
  smokeTestCopy,
  type PackagedApp,
} from './packaged-app';

const [command, releaseDir = 'release', destination] = process.argv.slice(2);

async function checkFuses(apps: PackagedApp[]): Promise<boolean> {
  const expected = expectedFuses(readBuilderConfig());
  let allGood = true;
  for (const app of apps) {
    const actual = await readFuses(app.fusePath);
    const wrong = fuseMismatches(expected, actual);
    const table = [...actual].map(([name, value]) => `  ${name}: ${String(value)}`).join('\n');
    console.error(`${app.fusePath}\n${table}`);
    if (wrong.length > 0) {
      allGood = false;
      console.error(
        `Fuses not as electron-builder.yml says:\n${wrong.map((line) => `  ${line}`).join('\n')}`,
      );
    } else {
      console.error('Fuses as electron-builder.yml says, asar integrity validation on.');
    }
  }
  return allGood;
}

async function smokeCopy(apps: PackagedApp[], folder: string): Promise<boolean> {
  const app = apps.find((found) => found.platform === process.platform && found.arch === process.arch);
  if (!app) {
    console.error(`No packaged app for ${process.platform}-${process.arch} in ${releaseDir}.`);
    return false;
  }
  const copy = await smokeTestCopy(app, path.resolve(folder));
  // The copy differs from what ships in the inspect fuse only; say so if it does not.
  const expected = expectedFuses(readBuilderConfig());
  expected.set('EnableNodeCliInspectArguments', true);
  const wrong = fuseMismatches(expected, await readFuses(copy.fusePath));
  if (wrong.length > 0) {
    console.error(`The smoke-test copy is not the shipped app plus --inspect:\n  ${wrong.join('\n  ')}`);
    return false;
  }
  console.error(`Smoke-test copy of ${app.dir} (inspect fuse on for Playwright) in ${copy.dir}`);
  console.log(`E2E_PACKAGED_APP=${copy.executable}`);
  return true;
}

async function main(): Promise<boolean> {
  if (command !== 'check-fuses' && !(command === 'smoke-copy' && destination)) {
    console.error('Usage: packaged-app-cli.ts check-fuses <release dir> | smoke-copy <release dir> <folder>');
    return false;
  }
  const apps = await packagedApps(releaseDir);
  if (apps.length === 0) {
    console.error(`No packaged app in ${releaseDir}: run \`npm run dist\` first.`);
    return false;
  }
  return command === 'check-fuses' ? checkFuses(apps) : smokeCopy(apps, destination ?? '');
}

main().then(
  (ok) => process.exit(ok ? 0 : 1),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
