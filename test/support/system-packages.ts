import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** The binary that tells whether a Debian package is installed, when it differs from the package name. */
const BINARY_OF: Record<string, string> = {
  'dovecot-imapd': 'dovecot',
  'dovecot-core': 'dovecot',
};

const SEARCH_PATH = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

/**
 * Installs the Debian packages an end-to-end suite needs (swaks, dovecot-imapd …) when their binary
 * is missing: `apt-get update` once, then `apt-get install -y`. Only as root; otherwise it throws
 * with the command to run by hand.
 */
export function ensurePackages(packages: readonly string[]): void {
  const missing = packages.filter((name) => findBinary(BINARY_OF[name] ?? name) === null);
  if (!missing.length) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`missing system packages ${missing.join(', ')}: run sudo apt-get install -y ${missing.join(' ')}`);
  }
  const apt = (args: string[]) =>
    execFileSync('apt-get', args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      timeout: 600_000,
    });
  try {
    apt(['install', '-y', '--no-install-recommends', ...missing]);
  } catch {
    apt(['update']);
    apt(['install', '-y', '--no-install-recommends', ...missing]);
  }
  const still = missing.filter((name) => findBinary(BINARY_OF[name] ?? name) === null);
  if (still.length) throw new Error(`apt-get install did not provide ${still.join(', ')}`);
}

/** The absolute path of an executable on the usual system paths, or null. */
export function findBinary(name: string): string | null {
  const dirs = [...(process.env.PATH ?? '').split(':').filter(Boolean), ...SEARCH_PATH];
  return dirs.map((dir) => `${dir}/${name}`).find((path) => existsSync(path)) ?? null;
}
