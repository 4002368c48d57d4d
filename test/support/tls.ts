// A throwaway self-signed certificate (for 127.0.0.1 unless told otherwise), made with the openssl
// command line.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

export interface CertificateAuthority {
  /** The root's certificate (PEM), for NODE_EXTRA_CA_CERTS or a server's `ca`. */
  readonly cert: string;
  /**
   * A certificate for `names` signed by this root, valid from `notBefore` to `notAfter` (OpenSSL's
   * YYYYMMDDHHMMSSZ; by default from a day ago to a day ahead), so expired and not-yet-valid
   * certificates can be made without touching the clock.
   */
  issue(
    names: readonly string[],
    validity?: { readonly notBefore?: Date; readonly notAfter?: Date },
  ): { key: string; cert: string };
}

const DAY_MS = 24 * 60 * 60 * 1000;
const opensslTime = (date: Date) => `${date.toISOString().replace(/[-:T]|\.\d+/g, '')}`;

/** A throwaway root certificate authority, made and used with the openssl command line. */
export function certificateAuthority(name = 'Test Root CA'): CertificateAuthority {
  const dir = mkdtempSync(path.join(tmpdir(), 'ca-'));
  try {
    const key = path.join(dir, 'ca.key');
    const cert = path.join(dir, 'ca.pem');
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
        '2',
        '-subj',
        `/CN=${name}`,
        '-addext',
        'basicConstraints=critical,CA:TRUE',
        '-addext',
        'keyUsage=critical,keyCertSign,cRLSign',
      ],
      { stdio: 'ignore' },
    );
    const caKey = readFileSync(key, 'utf8');
    const caCert = readFileSync(cert, 'utf8');
    return { cert: caCert, issue: (names, validity) => issue(caKey, caCert, names, validity ?? {}) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function issue(
  caKey: string,
  caCert: string,
  names: readonly string[],
  { notBefore, notAfter }: { readonly notBefore?: Date; readonly notAfter?: Date },
): { key: string; cert: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'leaf-'));
  const file = (name: string) => path.join(dir, name);
  try {
    writeFileSync(file('ca.key'), caKey);
    writeFileSync(file('ca.pem'), caCert);
    writeFileSync(file('index.txt'), '');
    writeFileSync(file('serial'), '1000\n');
    writeFileSync(
      file('ca.cnf'),
      [
        '[ca]',
        'default_ca = here',
        '[here]',
        `database = ${file('index.txt')}`,
        `serial = ${file('serial')}`,
        `new_certs_dir = ${dir}`,
        'default_md = sha256',
        'policy = any',
        'unique_subject = no',
        'copy_extensions = copy',
        '[any]',
        'commonName = supplied',
        '',
      ].join('\n'),
    );
    execFileSync(
      'openssl',
      [
        'req',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        file('key.pem'),
        '-out',
        file('leaf.csr'),
        '-subj',
        `/CN=${(names[0] ?? 'IP:127.0.0.1').replace(/^\w+:/, '')}`,
        '-addext',
        `subjectAltName=${names.join(',')}`,
      ],
      { stdio: 'ignore' },
    );
    const now = Date.now();
    execFileSync(
      'openssl',
      [
        'ca',
        '-batch',
        '-notext',
        '-config',
        file('ca.cnf'),
        '-cert',
        file('ca.pem'),
        '-keyfile',
        file('ca.key'),
        '-in',
        file('leaf.csr'),
        '-out',
        file('cert.pem'),
        '-startdate',
        opensslTime(notBefore ?? new Date(now - DAY_MS)),
        '-enddate',
        opensslTime(notAfter ?? new Date(now + DAY_MS)),
      ],
      { stdio: 'ignore' },
    );
    return { key: readFileSync(file('key.pem'), 'utf8'), cert: readFileSync(file('cert.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
