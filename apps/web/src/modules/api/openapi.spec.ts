import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ENDPOINTS } from './endpoints';

/** The server's generated spec, committed by the API project. */
const SPEC_PATH = fileURLToPath(new URL('../../../../api/openapi.json', import.meta.url));

interface OpenApiDocument {
  paths: Record<string, Record<string, unknown>>;
}

function readSpec(): OpenApiDocument {
  return JSON.parse(readFileSync(SPEC_PATH, 'utf8')) as OpenApiDocument;
}

describe('ENDPOINTS', () => {
  it('should name only operations that exist in apps/api/openapi.json when checked against the committed spec', () => {
    // Arrange
    const spec = readSpec();

    // Act
    const missing = Object.entries(ENDPOINTS)
      .filter(([, { method, path }]) => spec.paths[path]?.[method.toLowerCase()] === undefined)
      .map(([name, { method, path }]) => `${name}: ${method} ${path}`);

    // Assert
    expect(missing).toEqual([]);
  });
});
