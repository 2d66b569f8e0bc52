import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pickLanguage, problemText } from './i18n.ts';

test('Indonesian is the default; English when the caller prefers it', () => {
  assert.equal(pickLanguage(undefined), 'id');
  assert.equal(pickLanguage('en-US,en;q=0.9'), 'en');
  assert.equal(pickLanguage('id-ID,id;q=0.9,en;q=0.8'), 'id');
  assert.equal(pickLanguage('fr-FR, en;q=0.5'), 'en');
  assert.equal(pickLanguage('en;q=0.2, id;q=0.8'), 'id');
  assert.equal(pickLanguage('de-DE'), 'id');
  assert.equal(pickLanguage('en;q=0'), 'id');
});

test('problem texts exist in both languages and fill their parameters', () => {
  assert.equal(problemText('rate_limited', 'id', { seconds: 30 }).detail, 'Tunggu 30 detik lalu coba lagi.');
  assert.equal(problemText('rate_limited', 'en', { seconds: 30 }).detail, 'Wait 30 seconds and try again.');
  assert.equal(problemText('no_such_code', 'en').title, 'Something went wrong');
});
