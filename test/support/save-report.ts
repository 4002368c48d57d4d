// For test/faults/report-write-cut.test.ts: the desktop app's Save report, through the app's own
// handlers, of a request to a token endpoint this process serves on 127.0.0.1, written to the file
// named on the command line (the save dialog's answer). Prints the answer, or the error's code.
//   node --import tsx save-report.ts <file>
import { tmpdir } from 'node:os';
import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import { createMainServices } from '../../main/services';
import { memoryKeychain } from './memory-keychain';
import { typedRequest } from './memory-app';
import { sendJson, startServer } from './servers';

async function main(target: string): Promise<void> {
  const server = await startServer((_req, res) =>
    sendJson(res, 401, { error: 'invalid_client', error_description: 'Client authentication failed.' }),
  );
  const services = createMainServices({
    fetch: (url, init) => fetch(url, init),
    clipboard: { writeText: async () => undefined, readText: async () => '', clear: async () => undefined },
    openExternal: async () => undefined,
    chooseReportPath: async () => target,
    appInfo: { version: '9.9.9', os: 'TestOS 1.0 (x64)' },
    keychain: memoryKeychain().keychain,
    env: {},
    userDataDir: mkdtempSync(path.join(tmpdir(), 'save-report-')),
  });
  const h = services.handlers;
  await h.requestToken(typedRequest('cut-1', server.url('/v2/oauth/token'), 'Report-Secret-0123'));
  const answer = await h.saveReport({ requestId: 'cut-1' }).catch((error: unknown) => ({
    error: (error as NodeJS.ErrnoException).code ?? 'error',
  }));
  process.stdout.write(`${JSON.stringify(answer)}\n`);
  await services.dispose();
  await server.close();
}

void main(process.argv[2] ?? '');
