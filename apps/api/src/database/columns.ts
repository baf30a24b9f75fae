import type { ValueTransformer } from 'typeorm';

/**
 * Times are stored as epoch milliseconds in a BIGINT column: one portable type on SQLite and
 * PostgreSQL, cheap to index and compare. pg returns BIGINT as a string, hence the transformer.
 */
export const epochMs: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null || value === undefined ? value : Number(value)),
};

/** JSON kept in a TEXT column (portable; only ever read whole). */
export const jsonText: ValueTransformer = {
  to: (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value)),
  from: (value: string | null) => (value === null ? null : (JSON.parse(value) as unknown)),
};
