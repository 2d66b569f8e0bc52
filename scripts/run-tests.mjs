#!/usr/bin/env node
// Runs the test files with Node's own test runner (TypeScript through tsx).
//   node scripts/run-tests.mjs            unit and integration tests (src/**, test/**), on PGlite,
//                                         or on PostgreSQL when DATABASE_URL is set
//   node scripts/run-tests.mjs --browser  browser tests (test/browser/**) in Debian's Chromium
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const browser = process.argv.includes('--browser');
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));

function find(dir, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) find(p, out);
    else if (e.name.endsWith('.test.ts')) out.push(path.relative(root, p));
  }
  return out;
}

let files = browser ? find(path.join(root, 'test/browser')) : [...find(path.join(root, 'src')), ...find(path.join(root, 'test')).filter((f) => !f.startsWith('test/browser'))];
if (only.length) files = files.filter((f) => only.some((o) => f.includes(o)));
files.sort();

const engine = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';
console.log(`Lindung tests (${browser ? 'browser' : 'unit + integration'}) on ${engine}: ${files.length} files`);
const prep = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/prepare-test-template.ts'], { cwd: root, stdio: 'inherit' });
if (prep.status !== 0) process.exit(prep.status ?? 1);

const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' },
});
process.exit(r.status ?? 1);
