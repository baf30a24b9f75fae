// `npm test`: install the system packages the suites need, build, lint and type-check, then run
// every vitest project (unit, e2e on SQLite and PostgreSQL, browser) and end with "N passed, N failed".
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', FORCE_COLOR: process.env.CI ? '0' : process.env.FORCE_COLOR };
const SYSTEM_PACKAGES = { chromium: '/usr/bin/chromium', swaks: '/usr/bin/swaks', 'dovecot-imapd': '/usr/sbin/dovecot' };

let checksFailed = 0;

function step(name, command, args) {
  console.log(`\n▶ ${name}`);
  const result = spawnSync(command, args, { cwd: root, env, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`✗ ${name} failed`);
    checksFailed++;
    return false;
  }
  return true;
}

function ensureSystemPackages() {
  const missing = Object.entries(SYSTEM_PACKAGES).filter(([, binary]) => !existsSync(binary)).map(([name]) => name);
  if (!missing.length) return;
  if (process.getuid?.() !== 0) {
    console.warn(`! missing system packages ${missing.join(', ')}; install them (apt-get install -y ${missing.join(' ')}) for the full suite`);
    return;
  }
  console.log(`\n▶ apt-get install ${missing.join(' ')}`);
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

ensureSystemPackages();
const nx = [`${root}node_modules/nx/dist/bin/nx.js`];
const built = step('build', process.execPath, [...nx, 'run-many', '-t', 'build', '--output-style=static']);
step('lint and type-check', process.execPath, [...nx, 'run-many', '-t', 'lint', 'typecheck', '--output-style=static']);

const report = `${root}test/.tmp/vitest-report.json`;
mkdirSync(`${root}test/.tmp`, { recursive: true });
rmSync(report, { force: true });
let passed = 0;
let failed = 0;
if (built) {
  console.log('\n▶ vitest');
  spawnSync(process.execPath, [`${root}node_modules/vitest/vitest.mjs`, 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)], { cwd: root, env, stdio: 'inherit' });
  if (existsSync(report)) {
    const results = JSON.parse(readFileSync(report, 'utf8'));
    passed = results.numPassedTests;
    const brokenFiles = results.testResults.filter((file) => file.status === 'failed' && !file.assertionResults.some((test) => test.status === 'failed'));
    for (const file of brokenFiles) console.error(`✗ ${file.name} failed to run: ${file.message}`);
    failed = results.numFailedTests + brokenFiles.length;
  } else {
    failed++;
  }
}
failed += checksFailed;
if (passed + failed === 0) {
  console.error('no test ran');
  failed = 1;
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
