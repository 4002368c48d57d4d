// `telstra-token profiles export`: the saved profiles as JSON on standard output, without any
// secret (the keychain is not even asked for one); `profiles import` reads it back.
import { exportProfilesJson } from '../../import/profiles-export';
import { EXIT, type ExitCode } from '../exit-codes';
import { terminalSafeText } from '../format/terminal-safe';
import type { CliIo, Output } from '../io';
import { openProfiles, tellNotices } from './profile-access';
import { PROGRAM } from '../usage';

export async function profilesExportCommand(
  dataDir: string | null,
  io: CliIo,
  output: Output,
): Promise<ExitCode> {
  const { store } = openProfiles(io, dataDir);
  const { profiles, notices } = await store.load();
  if (notices.length > 0) {
    // A backup that differs from the file without a word would be found out only when needed.
    tellNotices(notices, output);
    output.err.line(`${PROGRAM}: nothing was exported.`);
    return EXIT.usage;
  }
  // Fields saved before control characters were refused can still hold them: escaped, as in --json.
  output.out.write(terminalSafeText(exportProfilesJson(profiles, io.now())));
  return EXIT.token;
}
