// Throwaway certificates made with the openssl command line: a self-signed one (for 127.0.0.1
// unless told otherwise), and a root that issues certificates with any validity dates.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * `openssl req` with a new P-256 key, without a passphrase: a self-signed certificate when `x509`
 * (valid for `days`), else a signing request; `extra` are its last arguments (-subj, -addext…).
 * Returns the key's and the output's PEM text.
 */
function opensslRequest(options: { x509?: { days: number }; extra: readonly string[] }): {
  key: string;
  out: string;
} {
  const dir = mkdtempSync(path.join(tmpdir(), 'tls-'));
  try {
    const key = path.join(dir, 'key.pem');
    const out = path.join(dir, 'out.pem');
    execFileSync(
      'openssl',
      [
        'req',
        ...(options.x509 ? ['-x509', '-days', String(options.x509.days)] : []),
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        key,
        '-out',
        out,
        ...options.extra,
      ],
      { stdio: 'ignore' },
    );
    return { key: readFileSync(key, 'utf8'), out: readFileSync(out, 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The -subj and subjectAltName arguments for a certificate of `names`. */
const subjectOf = (names: readonly string[]) => [
  '-subj',
  `/CN=${(names[0] ?? 'IP:127.0.0.1').replace(/^\w+:/, '')}`,
  '-addext',
  `subjectAltName=${names.join(',')}`,
];

/** `names`: subjectAltName entries, e.g. ["DNS:token.test"]. */
export function selfSignedCertificate(names: readonly string[] = ['IP:127.0.0.1']): {
  key: string;
  cert: string;
} {
  const { key, out } = opensslRequest({ x509: { days: 1 }, extra: subjectOf(names) });
  return { key, cert: out };
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
  const { key: caKey, out: caCert } = opensslRequest({
    x509: { days: 2 },
    extra: [
      '-subj',
      `/CN=${name}`,
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ],
  });
  return { cert: caCert, issue: (names, validity) => issue(caKey, caCert, names, validity ?? {}) };
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
    const leaf = opensslRequest({ extra: subjectOf(names) });
    writeFileSync(file('leaf.csr'), leaf.out);
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
    return { key: leaf.key, cert: readFileSync(file('cert.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
