import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { createApp } from './bootstrap';
import { PinoLogger } from './common/pino-logger';
import { PublicUrl } from './common/public-url';
import { AuthService } from './auth/auth.service';
import { ConfigError, loadConfigFromProcess, type ChorusConfig } from './config/config';
import { JobQueue } from './jobs/job-queue.service';

async function main(): Promise<void> {
  const config = readConfig();
  const logger = PinoLogger.create(config.logLevel);
  for (const warning of config.warnings) logger.warn(warning, 'Config');
  const started = performance.now();
  const app = await createApp(config, logger);
  const generatedPassword = await app.get(AuthService).preparePassword();
  await app.listen({ port: config.port, host: config.host });
  const port = (app.getHttpServer().address() as AddressInfo).port;
  const publicUrl = app.get(PublicUrl);
  publicUrl.useBoundPort(port, config.publicUrl);
  app.get(JobQueue).start();
  logger.pino.info({ port, url: publicUrl.get(), startupMs: Math.round(performance.now() - started) }, `Chorus is listening on http://${config.host}:${port} (public URL ${publicUrl.get()})`);
  if (generatedPassword) printFirstStartPassword(generatedPassword, publicUrl.get());
  for (const note of notConfigured(config)) logger.warn(note, 'Setup');
}

function readConfig(): ChorusConfig {
  try {
    return loadConfigFromProcess();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const problem of error.problems) process.stderr.write(`chorus: ${problem}\n`);
    process.exit(1);
  }
}

function printFirstStartPassword(password: string, url: string): void {
  process.stdout.write(
    [
      '',
      '  Chorus is ready. Log in to the inbox with this password (shown once, stored hashed):',
      '',
      `      ${url}/`,
      `      password: ${password}`,
      '',
      '  To choose your own, set CHORUS_ADMIN_PASSWORD and restart.',
      '',
    ].join('\n') + '\n',
  );
}

/** What the owner still has to set up, and how. */
function notConfigured(config: ChorusConfig): string[] {
  const notes: string[] = [];
  if (!config.targetDomains.length) notes.push('No target domains: every webmention will be refused. Set CHORUS_TARGET_DOMAINS=your-site.example.');
  if (!config.mastodon) notes.push('Mastodon is not connected. Set CHORUS_MASTODON_URL and CHORUS_MASTODON_TOKEN (scopes read write:statuses) to publish and poll toots.');
  if (config.mastodon && !config.postPattern) notes.push('No CHORUS_POST_PATTERN: the lazy toot endpoint will refuse every URL. Set it to a regular expression matching your post URLs.');
  if (!config.apiToken) notes.push('No CHORUS_API_TOKEN: the admin API is only reachable through the web app login.');
  if (!config.publicUrl) notes.push('No CHORUS_PUBLIC_URL: links and Location headers use http://localhost. Set it to the address readers use.');
  return notes;
}

main().catch((error: unknown) => {
  process.stderr.write(`chorus: could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
