/**
 * The hospitals' certificate authority of a test deployment, made with openssl exactly as
 * docs/operations.md tells an operator to: a CA certificate, and per server a key and a
 * certificate whose subjectAltName names the address (and name) clients dial.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function openssl(args: readonly string[]): void {
  execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'], timeout: 30_000 });
}

export interface IssuedCert {
  readonly cert: string;
  readonly key: string;
}

export class TestCa {
  readonly cert: string;
  private readonly key: string;

  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    this.cert = join(dir, 'ca.pem');
    this.key = join(dir, 'ca.key');
    openssl([
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      this.key,
      '-out',
      this.cert,
      '-days',
      '2',
      '-subj',
      '/O=Test hospitals/CN=Test hospitals CA',
    ]);
  }

  /** A server certificate for `name`, valid for the DNS name and the IP address given. */
  issue(name: string, address: string, outDir: string): IssuedCert {
    mkdirSync(outDir, { recursive: true, mode: 0o700 });
    const key = join(outDir, `${name}.key`);
    const csr = join(outDir, `${name}.csr`);
    const cert = join(outDir, `${name}.pem`);
    const ext = join(outDir, `${name}.ext`);
    writeFileSync(ext, `subjectAltName=DNS:${name},IP:${address}\nextendedKeyUsage=serverAuth,clientAuth\n`);
    openssl([
      'req',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      key,
      '-out',
      csr,
      '-subj',
      `/O=Test hospitals/CN=${name}`,
    ]);
    openssl([
      'x509',
      '-req',
      '-in',
      csr,
      '-CA',
      this.cert,
      '-CAkey',
      this.key,
      '-CAcreateserial',
      '-out',
      cert,
      '-days',
      '2',
      '-extfile',
      ext,
    ]);
    return { cert, key };
  }

  get directory(): string {
    return this.dir;
  }
}
