// A throwaway self-signed certificate (for 127.0.0.1 unless told otherwise), made with the openssl
// command line.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** `names`: subjectAltName entries, e.g. ["DNS:token.test"]. */
export function selfSignedCertificate(names: readonly string[] = ['IP:127.0.0.1']): {
  key: string;
  cert: string;
} {
  const dir = mkdtempSync(path.join(tmpdir(), 'tls-'));
  try {
    const key = path.join(dir, 'key.pem');
    const cert = path.join(dir, 'cert.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '1',
        '-subj',
        `/CN=${(names[0] ?? 'IP:127.0.0.1').replace(/^\w+:/, '')}`,
        '-addext',
        `subjectAltName=${names.join(',')}`,
      ],
      { stdio: 'ignore' },
    );
    return { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
