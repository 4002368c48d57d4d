// `telstra-token profiles export`: the saved profiles as JSON on standard output, without any
// secret (the keychain is not even asked for one); `profiles import` reads it back.
import { exportProfilesJson } from '../../import/profiles-export';
import { EXIT, type ExitCode } from '../exit-codes';
import { usageErrorJson } from '../format/result-json';
import { terminalSafeText, visibleControls } from '../format/terminal-safe';
import type { CliIo, Output } from '../io';
import { readProfilesFile } from '../../profiles/profile-store';
import { openProfiles } from './profile-access';
import { PROGRAM } from '../usage';

export async function profilesExportCommand(
  dataDir: string | null,
  json: boolean,
  io: CliIo,
  output: Output,
): Promise<ExitCode> {
  const { dataDir: folder } = openProfiles(io, dataDir);
  // Read as it is, changing nothing: a damaged file is not set aside by an export, so every
  // export of it says so, instead of the first only (and the next exporting an empty list).
  const read = await readProfilesFile(folder);
  if (!read.ok) {
    const message = `The profiles file in ${folder} cannot be exported as it is, because ${read.reason}. Nothing was exported; “${io.runAs} profiles” shows what the app makes of it.`;
    output.err.line(`${PROGRAM}: ${visibleControls(message)}`);
    // A script that gave --json reads standard output for one object, as after any other failure
    // of a command given --json: an empty output would be no export and no reason.
    if (json) output.out.json({ ...usageErrorJson(message), exported: false });
    return EXIT.usage;
  }
  // Fields saved before control characters were refused can still hold them: escaped, as in --json.
  output.out.write(terminalSafeText(exportProfilesJson(read.profiles, io.now())));
  return EXIT.token;
}
