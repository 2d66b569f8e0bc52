import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../../../test/support/app.ts';

let t: Awaited<ReturnType<typeof testApp>>;
before(async () => { t = await testApp(); });
after(() => t.close());

const post = (payload: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload, headers: { 'content-type': 'application/json', ...headers } });

function assertProblem(res: { statusCode: number; headers: Record<string, unknown>; json(): any }, status: number, code: string) {
  assert.equal(res.statusCode, status);
  assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
  const body = res.json();
  assert.equal(body.status, status);
  assert.equal(body.code, code);
  assert.ok(body.title && body.detail && body.type && body.requestId);
  return body;
}

test('malformed JSON is a 400 problem', async () => {
  assertProblem(await post('{"username": "admin"'), 400, 'malformed_json');
});

test('wrong types are refused, never coerced, and each field is named', async () => {
  const body = assertProblem(await post(JSON.stringify({ username: 12345, password: true })), 422, 'validation_failed');
  assert.deepEqual(body.errors.map((e: any) => [e.field, e.rule]).sort(), [['password', 'type'], ['username', 'type']]);
  assert.equal(body.errors.find((e: any) => e.field === 'username').message, 'Harus berupa teks.');
});

test('unknown fields are refused', async () => {
  const body = assertProblem(await post(JSON.stringify({ username: 'admin', password: 'x', role: 'admin' })), 422, 'validation_failed');
  assert.deepEqual(body.errors, [{ field: 'role', rule: 'unknown_field', message: 'Kolom ini tidak dikenal.' }]);
});

test('missing fields are named, in English when asked', async () => {
  const body = assertProblem(await post('{}', { 'accept-language': 'en' }), 422, 'validation_failed');
  assert.equal(body.title, 'The data sent is not valid');
  assert.deepEqual(body.errors.map((e: any) => e.field).sort(), ['password', 'username']);
  assert.equal(body.errors[0].message, 'This field is required.');
});

test('an oversize body is a 413 problem', async () => {
  const body = assertProblem(await post(JSON.stringify({ username: 'a'.repeat(2 * 1024 * 1024), password: 'x' })), 413, 'body_too_large');
  assert.match(body.detail, /1048576/);
});

test('a body that is not JSON is a 415 problem', async () => {
  assertProblem(await post('username=admin', { 'content-type': 'application/x-www-form-urlencoded' }), 415, 'unsupported_media_type');
});

test('unknown API addresses are a 404 problem', async () => {
  assertProblem(await t.app.inject({ method: 'GET', url: '/api/v1/no-such-thing' }), 404, 'not_found');
  assertProblem(await t.app.inject({ method: 'DELETE', url: '/api/v1/regions' }), 404, 'not_found');
});

test('every response carries a request id, and a sane one given by the caller is kept', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/health', headers: { 'x-request-id': 'client-req-0001' } });
  assert.equal(res.statusCode, 200);
  assert.equal(res.headers['x-request-id'], 'client-req-0001');
  const odd = await t.app.inject({ method: 'GET', url: '/api/v1/health', headers: { 'x-request-id': '<script>' } });
  assert.match(String(odd.headers['x-request-id']), /^[0-9a-f-]{36}$/);
});

test('health checks the database', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/health' });
  assert.deepEqual(res.json(), { status: 'ok', database: 'ok', engine: t.engine });
});
