#!/usr/bin/env node
// Runs every test with Node's own test runner (TypeScript through tsx), in one run with one summary:
// unit and integration tests (src/**, test/**) and browser tests (test/browser/**, in Debian's
// Chromium against the built web app). The engine is PGlite, or PostgreSQL when DATABASE_URL is set.
//   node scripts/run-tests.mjs                 everything
//   node scripts/run-tests.mjs --no-browser    without the browser tests
//   node scripts/run-tests.mjs --browser       only the browser tests
//   node scripts/run-tests.mjs regions audit   only files whose path contains one of the words
// Files named *.pg.test.ts test concurrency on a PostgreSQL server and run only when DATABASE_URL is set.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const args = process.argv.slice(2);
const onlyBrowser = args.includes('--browser');
const noBrowser = args.includes('--no-browser');
const words = args.filter((a) => !a.startsWith('--'));

function find(dir, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) find(p, out);
    else if (e.name.endsWith('.test.ts')) out.push(path.relative(root, p));
  }
  return out;
}

const all = [...find(path.join(root, 'src')), ...find(path.join(root, 'test'))].sort();
let files = all.filter((f) => (onlyBrowser ? f.startsWith('test/browser/') : noBrowser ? !f.startsWith('test/browser/') : true));
if (words.length) files = files.filter((f) => words.some((w) => f.includes(w)));
const serverOnly = files.filter((f) => f.endsWith('.pg.test.ts'));
if (!process.env.DATABASE_URL && serverOnly.length) {
  files = files.filter((f) => !f.endsWith('.pg.test.ts'));
  console.log(`${serverOnly.length} PostgreSQL-only files (concurrency) not run on PGlite; they run with DATABASE_URL set.`);
}

function run(cmd, cmdArgs, extraEnv = {}) {
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit', env: { ...process.env, ...extraEnv } });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const engine = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';
console.log(`Lindung tests on ${engine}: ${files.length} files`);
if (files.some((f) => f.startsWith('test/browser/'))) {
  run('bash', ['scripts/ensure-chromium.sh']);
  run(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn']);
}
run(process.execPath, ['--import', 'tsx', 'scripts/prepare-test-template.ts']);
run(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], { LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' });
