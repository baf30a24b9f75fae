// `npm run bench`: build, compile bench/*.bench.ts, run each (or those named as arguments),
// write bench/results/latest.json and print a table.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' };
const run = (args) => execFileSync(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });

run([`${root}node_modules/nx/dist/bin/nx.js`, 'run-many', '-t', 'build', '--output-style=static']);
run([`${root}node_modules/typescript/bin/tsc`, '-p', 'tsconfig.bench.json']);

const only = process.argv.slice(2);
const dir = `${root}bench/dist/bench`;
const benches = readdirSync(dir)
  .filter((file) => file.endsWith('.bench.js'))
  .map((file) => file.replace(/\.bench\.js$/, ''))
  .filter((name) => !only.length || only.includes(name));
const require = createRequire(import.meta.url);
const resultsFile = `${root}bench/results/latest.json`;
// Running a subset keeps the other benches' last figures.
const previous = existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')).benches : {};
const results = { machine: { node: process.version, cpus: (await import('node:os')).cpus().length }, date: new Date().toISOString(), benches: { ...previous } };
let failed = false;
for (const name of benches) {
  process.stdout.write(`\n▶ ${name} … `);
  const started = Date.now();
  try {
    results.benches[name] = await require(`${dir}/${name}.bench.js`).run();
    console.log(`done in ${Math.round((Date.now() - started) / 1000)} s`);
  } catch (error) {
    failed = true;
    results.benches[name] = { error: String(error?.stack ?? error) };
    console.log('failed');
    console.error(error);
  }
}
mkdirSync(`${root}bench/results`, { recursive: true });
writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
for (const name of benches) {
  const figures = results.benches[name];
  console.log(`\n${name}`);
  for (const [key, value] of Object.entries(figures)) console.log(`  ${key.padEnd(40)} ${value}`);
}
writeReadmeTable(results);
console.log('\nwritten to bench/results/latest.json and README.md');
process.exit(failed ? 1 : 0);

/** The README's Performance section shows the last figures of every bench. */
function writeReadmeTable({ machine, date, benches: all }) {
  const rows = Object.entries(all).flatMap(([name, figures]) => Object.entries(figures).map(([key, value]) => `| ${name} | ${key.replaceAll('_', ' ')} | ${value} |`));
  const table = [`Last run ${date.slice(0, 10)} on this project's machine (Node ${machine.node}, ${machine.cpus} cores, load generator on the same machine).`, '', '| bench | figure | value |', '| --- | --- | --- |', ...rows].join('\n');
  const readme = readFileSync(`${root}README.md`, 'utf8');
  writeFileSync(`${root}README.md`, readme.replace(/<!-- bench-table:start -->[\s\S]*<!-- bench-table:end -->/, `<!-- bench-table:start -->\n${table}\n<!-- bench-table:end -->`));
}
