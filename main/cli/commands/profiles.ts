// `telstra-token profiles`: the window's saved profiles and whether the keychain holds each
// secret. Never the secrets themselves: listing only asks the keychain which entries exist.
import { KEYCHAIN_ADVICE } from '../../../app/keychain';
import type { ProfileSummary, SecretState } from '../../../app/profiles';
import { EXIT, type ExitCode } from '../exit-codes';
import { table } from '../format/columns';
import { terminalSafe, visibleControls } from '../format/terminal-safe';
import type { CliIo, Output } from '../io';
import { PROGRAM } from '../usage';
import { withoutUrlCredentials } from '../../token/url-credentials';
import { openProfiles, tellNotices, noProfiles } from './profile-access';

const SECRET_STATE: Record<SecretState, string> = {
  stored: 'in the keychain',
  missing: 'missing from the keychain',
  unknown: 'unknown',
};

/**
 * As `--endpoint` spells it, so it can be copied into a request; but for a credential written into
 * the URL (an API key: main/token/url-credentials.ts), a marker, as in a request's output.
 */
const endpointOf = (p: ProfileSummary) =>
  p.preset === 'custom' ? withoutUrlCredentials(p.tokenUrl) : p.preset;
const iso = (epochMs: number) => new Date(epochMs).toISOString();

export async function profilesCommand(
  json: boolean,
  dataDirSwitch: string | null,
  io: CliIo,
  output: Output,
): Promise<ExitCode> {
  const { dataDir, profiles } = openProfiles(io, dataDirSwitch);
  const list = await profiles.list();
  if (json) {
    output.out.json({
      dataDir,
      keychain: list.keychain,
      notices: list.notices,
      profiles: list.profiles.map((p) => ({
        name: p.name,
        clientId: p.clientId,
        endpoint: endpointOf(p),
        grantType: p.grantType,
        scope: p.scope,
        secret: p.secretState,
        id: p.id,
        createdAt: iso(p.createdAt),
        updatedAt: iso(p.updatedAt),
      })),
    });
    return EXIT.token;
  }
  tellNotices(list.notices, output);
  const { out } = output;
  // The folder's name is anyone's: a folder made by an archive or a clone can hold ESC sequences.
  if (list.profiles.length === 0) {
    out.line(visibleControls(noProfiles(dataDir, list.notices, io.runAs)));
  } else {
    out.line(`Profiles saved in ${visibleControls(dataDir)}:`);
    // What was saved can come from an imported file, or a profiles file edited by hand.
    const rows = list.profiles.map((p) =>
      terminalSafe([p.name, endpointOf(p), p.clientId, SECRET_STATE[p.secretState]]),
    );
    for (const line of table([['NAME', 'ENDPOINT', 'CLIENT ID', 'SECRET'], ...rows], out.paint.dim)) {
      out.line(line);
    }
  }
  if (!list.keychain.available) {
    const advice = KEYCHAIN_ADVICE[list.keychain.problem ?? 'other'];
    output.err.line(`${PROGRAM}: ${advice.title}. ${advice.remedy}`);
  }
  return EXIT.token;
}
