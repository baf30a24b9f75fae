import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http } from '../support/http';
import { REPO_ROOT, startServer, type RunningServer } from '../support/server';

const COMMITTED_SPEC = join(REPO_ROOT, 'apps', 'api', 'openapi.json');

interface OpenApiDocument {
  paths: Record<string, Record<string, { summary?: string }>>;
}

/** Every operation as "METHOD /path: summary", sorted: what a client can rely on. */
function operations(document: OpenApiDocument): string[] {
  return Object.entries(document.paths)
    .flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => `${method.toUpperCase()} ${path}: ${operation.summary ?? '(no summary)'}`))
    .sort();
}

describe('committed OpenAPI spec (apps/api/openapi.json)', () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('should list the same operations and summaries as the running server documents at /api/docs/json', async () => {
    // Arrange
    const committed = JSON.parse(readFileSync(COMMITTED_SPEC, 'utf8')) as OpenApiDocument;

    // Act
    const served = await http<OpenApiDocument>(server, 'GET', '/api/docs/json');

    // Assert
    expect(served.status).toBe(200);
    expect(operations(committed), 'apps/api/openapi.json is out of date: build, then run `npm run openapi` and commit the result').toEqual(operations(served.json));
  });

  it('should give every operation a summary', async () => {
    // Arrange / Act
    const served = await http<OpenApiDocument>(server, 'GET', '/api/docs/json');

    // Assert
    expect(operations(served.json).filter((operation) => operation.endsWith('(no summary)'))).toEqual([]);
  });
});
