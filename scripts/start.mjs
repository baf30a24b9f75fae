// `npm start`: build what changed (Nx cache makes this quick), then run the hub in this process.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const entry = `${root}apps/api/dist/main.js`;

if (process.env.CHORUS_SKIP_BUILD !== 'true' || !existsSync(entry)) {
  try {
    execFileSync(process.execPath, [`${root}node_modules/nx/dist/bin/nx.js`, 'run-many', '-t', 'build', '--output-style=static'], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
    });
  } catch {
    console.error('chorus: the build failed (see above); fix it or run `npx nx run-many -t build` for details.');
    process.exit(1);
  }
}

createRequire(import.meta.url)(entry);
