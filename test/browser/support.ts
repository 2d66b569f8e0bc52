/**
 * Browser tests run the real server (built web app + API on a fresh test database with the demo
 * users) and drive Debian's Chromium through playwright-core. No test tool downloads a browser.
 */
import fs from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import assert from 'node:assert/strict';
import { webDist } from '../../src/app.ts';
import { seedDemo } from '../../src/demo.ts';
import { testApp } from '../support/app.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const PHONE = { width: 390, height: 844 };

export async function startBrowserEnv() {
  if (!fs.existsSync(`${webDist}/index.html`)) throw new Error('The web app is not built: run `npm run build:web` (npm run test:browser does).');
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium`);
  const t = await testApp({ serveWeb: true });
  await seedDemo(t.db);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    ...t,
    baseUrl,
    browser,
    async newPage(viewport = PHONE): Promise<Page> {
      const context = await browser.newContext({ viewport, baseURL: baseUrl });
      return context.newPage();
    },
    async close() {
      await browser.close();
      await t.close();
    },
  };
}

/** WCAG 2.1 A and AA checks with axe; the page must have no violations. */
export async function assertAccessible(page: Page, what: string) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  assert.deepEqual(summary, [], `accessibility violations on ${what}`);
}

export async function signIn(page: Page, username: string, password = 'lindung-demo-2026') {
  await page.goto('/masuk');
  await page.getByLabel(/Nama pengguna|Username/).fill(username);
  await page.getByLabel(/^(Kata sandi|Password)$/).fill(password);
  await page.getByRole('button', { name: /^(Masuk|Sign in)$/ }).last().click();
  await page.getByRole('heading', { level: 1, name: /Selamat datang|Welcome/ }).waitFor();
}
