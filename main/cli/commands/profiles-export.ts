// `telstra-token profiles export`: the saved profiles as JSON on standard output, without any
// secret (the keychain is not even asked for one); `profiles import` reads it back.
import { exportProfilesJson } from '../../import/profiles-export';
import { EXIT, type ExitCode } from '../exit-codes';
import { terminalSafeText, visibleControls } from '../format/terminal-safe';
import type { CliIo, Output } from '../io';
import { readProfilesFile } from '../../profiles/profile-store';
import { openProfiles } from './profile-access';
import { PROGRAM } from '../usage';

export async function profilesExportCommand(
  dataDir: string | null,
  io: CliIo,
  output: Output,
): Promise<ExitCode> {
  const { dataDir: folder } = openProfiles(io, dataDir);
  // Read as it is, changing nothing: a damaged file is not set aside by an export, so every
  // export of it says so, instead of the first only (and the next exporting an empty list).
  const read = await readProfilesFile(folder);
  if (!read.ok) {
    output.err.line(
      `${PROGRAM}: the profiles file in ${visibleControls(folder)} cannot be exported as it is, because ${read.reason}. Nothing was exported; “${PROGRAM} profiles” shows what the app makes of it.`,
    );
    return EXIT.usage;
  }
  // Fields saved before control characters were refused can still hold them: escaped, as in --json.
  output.out.write(terminalSafeText(exportProfilesJson(read.profiles, io.now())));
  return EXIT.token;
}
