import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { http } from '../support/http';
import { freshStorage, runServerToExit, startServer, type RunningServer } from '../support/server';

describe('configuration and first start', () => {
  let server: RunningServer | undefined;
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  it('should stop with one line naming the variable, value and what is accepted when a duration is invalid', async () => {
    const { code, output } = await runServerToExit({ CHORUS_FETCH_TIMEOUT: 'ten seconds' });
    expect(code).toBe(1);
    expect(output.trim()).toBe('chorus: CHORUS_FETCH_TIMEOUT="ten seconds" is invalid: expected a duration such as 500ms, 30s, 5m, 12h or 7d.');
  });

  it('should report every invalid value, including bad URLs and sizes, one per line', async () => {
    const { code, output } = await runServerToExit({ CHORUS_PUBLIC_URL: 'hub.example', CHORUS_FETCH_MAX_BYTES: 'lots', CHORUS_POLL_INTERVAL: '7d' });
    expect(code).toBe(1);
    const lines = output.trim().split('\n');
    expect(lines).toEqual([
      'chorus: CHORUS_PUBLIC_URL="hub.example" is invalid: expected an absolute http:// or https:// URL.',
      'chorus: CHORUS_FETCH_MAX_BYTES="lots" is invalid: expected a size such as 512KB or 1MB.',
    ]);
  });

  it('should reject an unknown flag with the closest known one', async () => {
    const { code, output } = await runServerToExit({}, ['--fetch-timout', '5s']);
    expect(code).toBe(1);
    expect(output).toContain('Unknown flag --fetch-timout; did you mean --fetch-timeout?');
  });

  it('should warn about an unknown CHORUS_ variable with the closest known name and still start', async () => {
    server = await startServer({ env: { CHORUS_TARGET_DOMIANS: 'blog.example' } });
    expect(server.logs()).toContain('Unknown environment variable CHORUS_TARGET_DOMIANS is ignored; did you mean CHORUS_TARGET_DOMAINS?');
    expect((await http(server, 'GET', '/health')).status).toBe(200);
  });

  it('should let flags beat the environment and the environment beat the config file', async () => {
    const storage = freshStorage();
    writeFileSync(join(storage.dataDir, 'chorus.config.json'), JSON.stringify({ CHORUS_PUBLIC_URL: 'https://from-file.example', targetDomains: ['file.example'] }));
    server = await startServer({ env: { CHORUS_PUBLIC_URL: 'https://from-env.example' }, args: ['--public-url', 'https://from-flag.example'] }, storage);
    expect(server.logs()).toContain('public URL https://from-flag.example');
    await server.stop();
    server = await startServer({ env: { CHORUS_PUBLIC_URL: 'https://from-env.example' } }, freshStorageWithFile({ CHORUS_PUBLIC_URL: 'https://from-file.example' }));
    expect(server.logs()).toContain('public URL https://from-env.example');
    await server.stop();
    server = await startServer({}, freshStorageWithFile({ CHORUS_PUBLIC_URL: 'https://from-file.example' }));
    expect(server.logs()).toContain('public URL https://from-file.example');
  });

  it('should generate, print once and store hashed an admin password on first start', async () => {
    server = await startServer({ adminPassword: false });
    const password = /password: (\S+)/.exec(server.logs())?.[1];
    expect(password).toMatch(/^[A-Za-z0-9]{24}$/);
    expect(server.logs()).toContain('set CHORUS_ADMIN_PASSWORD');
    expect(server.logs()).toContain('No target domains');
    const login = await http(server, 'POST', '/api/auth/login', { body: { password } });
    expect(login.status).toBe(200);
    expect((await http(server, 'GET', '/api/setup')).json.passwordGenerated).toBe(true);

    await server.stop({ keepData: true });
    server = await server.restart({ adminPassword: false });
    expect(server.logs()).not.toContain(password);
    expect((await http(server, 'POST', '/api/auth/login', { body: { password } })).status).toBe(200);
  });
});

function freshStorageWithFile(settings: Record<string, string>) {
  const storage = freshStorage();
  writeFileSync(join(storage.dataDir, 'chorus.config.json'), JSON.stringify(settings));
  return storage;
}

describe('configuration file errors', () => {
  it('should name a config file that is not valid JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chorus-cfg-'));
    const file = join(dir, 'bad.json');
    writeFileSync(file, '{"CHORUS_PORT": ');
    const { code, output } = await runServerToExit({ CHORUS_CONFIG: file });
    rmSync(dir, { recursive: true, force: true });
    expect(code).toBe(1);
    expect(output).toContain(`${file} is not valid JSON`);
  });
});
