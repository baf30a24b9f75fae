import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { flagName, SETTING_NAMES } from './settings';

describe('settings', () => {
  it('should all be documented in the README (regenerate with node scripts/settings-table.mjs)', () => {
    const readme = readFileSync(join(__dirname, '..', '..', '..', '..', 'README.md'), 'utf8');
    const missing = SETTING_NAMES.filter((name) => !readme.includes(`| \`${name}\` |`));
    expect(missing).toEqual([]);
  });

  it('should map every variable to a kebab-case flag without the prefix', () => {
    expect(flagName('CHORUS_FETCH_TIMEOUT')).toBe('--fetch-timeout');
    expect(new Set(SETTING_NAMES.map(flagName)).size).toBe(SETTING_NAMES.length);
  });
});
