import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { freePort } from './mail';
import { ensurePackages, findBinary } from './system-packages';

export interface Dovecot {
  host: string;
  port: number;
  user: string;
  password: string;
  /** `imap://user:password@127.0.0.1:<port>/<folder>` plus any query. */
  url(folder?: string, query?: string): string;
  /** Delivers a message into a folder with IMAP APPEND. */
  append(raw: string | Buffer, folder?: string): Promise<void>;
  /** The number of messages in a folder (0 when it does not exist). */
  count(folder: string): Promise<number>;
  logs(): string;
  /** Stops the server, keeping the mail (for reconnection tests). */
  pause(): Promise<void>;
  /** Starts it again on the same port and mail. */
  resume(): Promise<void>;
  stop(): Promise<void>;
}

/** Mail is owned by nobody: Dovecot refuses to give root mail access. */
const MAIL_UID = 65534;
const MAIL_GID = 65534;

/**
 * A throwaway Dovecot IMAP server (installed with apt-get when missing) on a loopback port: its own
 * config file in a temp dir, a passwd-file user with a plain password, Maildir storage, no TLS.
 */
export async function startDovecot(): Promise<Dovecot> {
  ensurePackages(['dovecot-imapd']);
  const root = mkdtempSync(join(tmpdir(), 'chorus-dovecot-'));
  chmodSync(root, 0o755);
  const mail = join(root, 'mail');
  mkdirSync(mail);
  chownSync(mail, MAIL_UID, MAIL_GID);
  const port = await freePort();
  const user = 'owner';
  const password = 'imap-secret';
  writeFileSync(join(root, 'users'), `${user}:{PLAIN}${password}::::::\n`);
  const config = join(root, 'dovecot.conf');
  writeFileSync(config, dovecotConfig(root, port));
  let child: ChildProcess | null = null;
  let output = '';

  const start = async () => {
    const binary = findBinary('dovecot');
    if (!binary) throw new Error('dovecot is not installed');
    child = spawn(binary, ['-F', '-c', config], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await waitForPort(port, () => `${output}${readLog(root)}`);
  };
  const halt = async () => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGTERM');
    await exited;
  };
  const withClient = async <T>(work: (client: ImapFlow) => Promise<T>): Promise<T> => {
    const client = new ImapFlow({ host: '127.0.0.1', port, secure: false, auth: { user, pass: password }, logger: false });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.logout();
    }
  };

  await start();
  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    url: (folder = 'INBOX', query = '') => `imap://${user}:${password}@127.0.0.1:${port}/${encodeURIComponent(folder)}${query ? `?${query}` : ''}`,
    append: (raw, folder = 'INBOX') => withClient(async (client) => void (await client.append(folder, raw))),
    count: (folder) =>
      withClient(async (client) => {
        const status = await client.status(folder, { messages: true }).catch(() => null);
        return status?.messages ?? 0;
      }),
    logs: () => `${output}${readLog(root)}`,
    pause: halt,
    resume: start,
    async stop() {
      await halt();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

function dovecotConfig(root: string, port: number): string {
  return `
base_dir = ${root}/run
state_dir = ${root}/state
log_path = ${root}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = ${MAIL_UID}
mail_location = maildir:${root}/mail/%u
mail_uid = ${MAIL_UID}
mail_gid = ${MAIL_GID}
default_login_user = dovenull
default_internal_user = dovecot
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${root}/users
}
userdb {
  driver = static
  args = uid=${MAIL_UID} gid=${MAIL_GID} home=${root}/mail/%u
}
namespace inbox {
  inbox = yes
  separator = /
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
protocol imap {
  mail_max_userip_connections = 100
}
`;
}

function readLog(root: string): string {
  try {
    return readFileSync(join(root, 'dovecot.log'), 'utf8');
  } catch {
    return '';
  }
}

async function waitForPort(port: number, logs: () => string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port }, () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`dovecot did not listen on ${port}:\n${logs()}`);
}
