// Rewrites the settings table in README.md from apps/api/src/config/settings.ts (build first).
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { SETTINGS } = createRequire(import.meta.url)(`${root}apps/api/dist/config/settings.js`);
const DERIVED = {
  CHORUS_PUBLIC_URL: '`http://localhost:<port>`',
  CHORUS_DATABASE_URL: '`sqlite:<data dir>/chorus.sqlite`',
  CHORUS_ADMIN_PASSWORD: 'generated on first start, printed once',
  CHORUS_REPLY_DOMAIN: 'host of `CHORUS_PUBLIC_URL`',
  CHORUS_SMTP_HOST: '`CHORUS_HOST`',
};
const rows = Object.entries(SETTINGS).map(([name, spec]) => {
  const fallback = spec.default === undefined ? (DERIVED[name] ?? 'none') : spec.default === '' ? 'none' : `\`${spec.default}\``;
  return `| \`${name}\` | ${fallback} | ${spec.description}${spec.secret ? ' (secret)' : ''} |`;
});
const table = ['| variable | default | meaning |', '| --- | --- | --- |', ...rows].join('\n');
const readme = readFileSync(`${root}README.md`, 'utf8');
const updated = readme.replace(/<!-- settings-table:start -->[\s\S]*<!-- settings-table:end -->/, `<!-- settings-table:start -->\n${table}\n<!-- settings-table:end -->`);
writeFileSync(`${root}README.md`, updated);
console.log(`${rows.length} settings written to README.md`);
