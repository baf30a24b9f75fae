import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { REPO_ROOT } from '../test/support/server';

const WEB_DIST = join(REPO_ROOT, 'apps', 'web', 'dist');
const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;
const gzipped = (path: string) => gzipSync(readFileSync(path), { level: 9 }).length;

/**
 * Issue 6 and 7's size budgets: the inbox's initial JavaScript (what index.html loads and
 * preloads) ≤ 150 KB gzipped, and the widget ≤ 15 KB gzipped.
 */
export function run(): Promise<Record<string, number>> {
  const index = readFileSync(join(WEB_DIST, 'app', 'index.html'), 'utf8');
  const initial = [...index.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((match) => join(WEB_DIST, 'app', match[1]!));
  const lazy = readdirSync(join(WEB_DIST, 'app', 'assets'))
    .filter((file) => file.endsWith('.js') && !initial.some((path) => path.endsWith(file)))
    .map((file) => join(WEB_DIST, 'app', 'assets', file));
  return Promise.resolve({
    inbox_initial_js_gzip_kb: kb(initial.reduce((sum, path) => sum + gzipped(path), 0)),
    inbox_initial_js_budget_kb: 150,
    inbox_lazy_js_gzip_kb: kb(lazy.reduce((sum, path) => sum + gzipped(path), 0)),
    inbox_service_worker_gzip_kb: kb(gzipped(join(WEB_DIST, 'app', 'sw.js'))),
    widget_gzip_kb: kb(gzipped(join(WEB_DIST, 'widget', 'widget.js'))),
    widget_budget_kb: 15,
  });
}
