import 'reflect-metadata';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createApp, openApiDocument } from './bootstrap';
import { PinoLogger } from './common/pino-logger';
import { loadConfig } from './config/config';

/**
 * Writes the OpenAPI document of every endpoint to the path given (`npm run openapi` →
 * apps/api/openapi.json): builds the hub without listening, on a throwaway SQLite dir.
 */
async function main(): Promise<void> {
  const output = process.argv[2];
  if (!output) throw new Error('usage: node apps/api/dist/openapi.js <output.json>');
  const dataDir = mkdtempSync(join(tmpdir(), 'chorus-openapi-'));
  try {
    const config = loadConfig({ env: { CHORUS_DATA_DIR: dataDir, CHORUS_SMTP_PORT: '0', CHORUS_LOG_LEVEL: 'error' }, argv: [], cwd: dataDir });
    const app = await createApp(config, PinoLogger.create(config.logLevel));
    try {
      writeFileSync(resolve(output), JSON.stringify(openApiDocument(app), null, 2) + '\n');
    } finally {
      await app.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`openapi: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
