/** Maker-checker for rule parameters: propose, approve by another admin, reject; rows never edited in place. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { testApp } from '../../../test/support/app.ts';
import { dayBefore, isRealDate, planVersion, proposalFieldErrors, type ProposalInput } from './proposals.ts';

describe('pure rules of a proposal', () => {
  const base: ProposalInput = { key: 'pu.jp.cap', validFrom: '2027-03-01', value: '11078200', unit: 'rupiah', legalBasis: 'PP 45/2015 Pasal 29' };
  const existing = { unit: 'rupiah', latestFrom: '2026-03-01' };
  const rules = (input: Partial<ProposalInput>, state: typeof existing | null = existing) =>
    proposalFieldErrors({ ...base, ...input }, state ?? undefined).map((e) => `${e.field}:${e.rule}`);

  test('a good proposal has no errors', () => {
    assert.deepEqual(rules({}), []);
    assert.deepEqual(rules({ key: 'jkp.new_rule.max', unit: 'percent', value: '0.225' }, null), []);
  });

  test('the value is an exact, non-negative decimal string; whole for rupiah; at most 100 percent', () => {
    for (const value of ['-1', '1e6', '1,5', '01', '1.', '.5', '11.078.200', ' 5', '1.1234567', '']) assert.deepEqual(rules({ value }), ['value:rule_decimal'], value);
    assert.deepEqual(rules({ value: '0' }), []);
    assert.deepEqual(rules({ value: '100.5' }), ['value:rule_whole_number']);
    const percent = { unit: 'percent', latestFrom: '2015-07-01' };
    assert.deepEqual(rules({ unit: 'percent', value: '0.24' }, percent), []);
    assert.deepEqual(rules({ unit: 'percent', value: '100' }, percent), []);
    assert.deepEqual(rules({ unit: 'percent', value: '100.000001' }, percent), ['value:rule_percent_max']);
    assert.deepEqual(rules({ unit: 'percent', value: '250' }, percent), ['value:rule_percent_max']);
  });

  test('the key, date, unit and legal basis', () => {
    assert.deepEqual(rules({ key: 'PU.Bad' }, null), ['key:rule_key_format']);
    assert.deepEqual(rules({ key: 'pu..x' }, null), ['key:rule_key_format']);
    assert.deepEqual(rules({ validFrom: '2027-02-30' }), ['validFrom:rule_date']);
    assert.deepEqual(rules({ validFrom: '1.3.2027' }), ['validFrom:rule_date']);
    assert.deepEqual(rules({ validFrom: '2026-03-01' }), ['validFrom:rule_after_latest'], 'the same start as the latest version');
    assert.deepEqual(rules({ validFrom: '2025-03-01' }), ['validFrom:rule_after_latest'], 'before the latest version');
    assert.deepEqual(rules({ unit: 'percent', value: '5' }), ['unit:rule_unit_mismatch']);
    assert.deepEqual(rules({ unit: 'dollar' }), ['unit:rule_unit']);
    assert.deepEqual(rules({ legalBasis: '  ' }), ['legalBasis:required']);
  });

  test('dates: real ones only; the day before crosses months and leap days', () => {
    assert.ok(isRealDate('2028-02-29'));
    assert.ok(!isRealDate('2027-02-29'));
    assert.equal(dayBefore('2027-03-01'), '2027-02-28');
    assert.equal(dayBefore('2028-03-01'), '2028-02-29');
    assert.equal(dayBefore('2027-01-01'), '2026-12-31');
  });

  test('a new version goes after the latest one: it ends an open or overlapping version, and keeps its end date', () => {
    assert.deepEqual(planVersion(undefined, '2027-01-01'), { ok: true, close: null, validTo: null });
    assert.deepEqual(planVersion({ id: 1, validFrom: '2026-03-01', validTo: null }, '2027-03-01'), { ok: true, close: { id: 1, validTo: '2027-02-28', before: null }, validTo: null });
    assert.deepEqual(planVersion({ id: 2, validFrom: '2025-02-01', validTo: '2026-01-31' }, '2025-08-01'), { ok: true, close: { id: 2, validTo: '2025-07-31', before: '2026-01-31' }, validTo: '2026-01-31' });
    assert.deepEqual(planVersion({ id: 2, validFrom: '2025-02-01', validTo: '2026-01-31' }, '2026-03-01'), { ok: true, close: null, validTo: null }, 'after a gap nothing is ended');
    assert.deepEqual(planVersion({ id: 1, validFrom: '2026-03-01', validTo: null }, '2026-03-01'), { ok: false, latestFrom: '2026-03-01' });
    assert.deepEqual(planVersion({ id: 1, validFrom: '2026-03-01', validTo: null }, '2025-03-01'), { ok: false, latestFrom: '2026-03-01' });
  });

  test('the only UPDATE of rule_parameters in the code base ends a version (sets valid_to)', () => {
    const root = path.resolve(import.meta.dirname, '../..');
    const hits: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) { if (e.name !== 'migrations') walk(p); } else if (/\.ts$/.test(e.name) && !e.name.endsWith('.test.ts')) {
          const text = fs.readFileSync(p, 'utf8');
          for (const m of text.matchAll(/updateTable\('rule_parameters'\)[^\n]*|UPDATE\s+rule_parameters[^\n]*|deleteFrom\('rule_parameters'\)|DELETE\s+FROM\s+rule_parameters/gi)) hits.push(`${path.relative(root, p)}: ${m[0]}`);
        }
      }
    };
    walk(root);
    assert.equal(hits.length, 1, hits.join('\n'));
    assert.match(hits[0]!, /^modules\/rules\/proposals\.ts: updateTable\('rule_parameters'\)\.set\(\{ valid_to: [^,}]+ \}\)/);
  });
});

describe('maker-checker over HTTP', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let adminA: Record<string, string>;
  let adminB: Record<string, string>;
  let adminC: Record<string, string>;
  let officer: Record<string, string>;
  before(async () => {
    t = await testApp();
    adminA = await t.signIn(await t.createUser('admin'));
    adminB = await t.signIn(await t.createUser('admin'));
    adminC = await t.signIn(await t.createUser('admin'));
    officer = await t.signIn(await t.createUser('officer'));
  });
  after(() => t.close());

  const call = async (method: 'GET' | 'POST', url: string, headers: Record<string, string>, payload?: object, lang = 'id') => {
    const res = await t.app.inject({ method, url, headers: { ...headers, 'accept-language': lang }, payload });
    return { status: res.statusCode, body: res.json() };
  };
  const inForce = async (date: string) => {
    const { status, body } = await call('GET', `/api/v1/rules?date=${date}`, officer);
    assert.equal(status, 200, JSON.stringify(body));
    return new Map<string, any>(body.groups.flatMap((g: any) => g.parameters.map((p: any) => [p.key, p])));
  };
  const propose = (headers: Record<string, string>, body: object, lang = 'id') => call('POST', '/api/v1/rules/proposals', headers, body, lang);
  const history = async (key: string) => (await call('GET', `/api/v1/rules/${key}/history`, officer)).body.versions as any[];
  const auditOf = (entityType: string, entityId: number) => t.db.selectFrom('audit_events').select(['action', 'actor_user_id']).where('entity_type', '=', entityType)
    .where('entity_id', '=', String(entityId)).orderBy('id').execute();
  const userIdOf = async (headers: Record<string, string>) => (await call('GET', '/api/v1/auth/me', headers)).body.user.id as number;

  test('the rules in force on a date, grouped by programme, with legal basis and product defaults', async () => {
    const { body } = await call('GET', '/api/v1/rules?date=2026-06-01', officer);
    assert.equal(body.date, '2026-06-01');
    const prefixes = body.groups.map((g: any) => g.prefix);
    assert.deepEqual(prefixes.slice(0, 4), ['pu', 'bpu', 'jakon', 'pmi']);
    const params = await inForce('2026-06-01');
    const cap = params.get('pu.jp.cap');
    assert.deepEqual([cap.value, cap.unit, cap.validFrom, cap.validTo, cap.productDefault, cap.legalBasis], ['10547400', 'rupiah', '2026-03-01', null, true, 'DECISIONS.md D3']);
    assert.equal(params.get('pu.jkk.rate.class1').value, '0.24', 'exact decimals as text');
    assert.ok(!params.has('pu.jkk.discount.labor_intensive'), 'the discount ended in January 2026');
    assert.equal((await inForce('2025-06-01')).get('pu.jp.cap').value, '10547400');
    assert.equal((await inForce('2024-06-01')).get('pu.jp.cap').value, '10042300');
    assert.equal((await call('GET', '/api/v1/rules?date=2026-02-30', officer)).status, 422);
    assert.equal((await call('GET', '/api/v1/rules', officer)).status, 200, 'today by default');
  });

  test('the history of one key, latest first; an unknown key is named in both languages', async () => {
    const versions = await history('pu.jp.cap');
    assert.deepEqual(versions.map((v) => [v.validFrom, v.validTo, v.value]), [
      ['2026-03-01', null, '10547400'], ['2025-03-01', '2026-02-28', '10547400'], ['2024-03-01', '2025-02-28', '10042300'], ['2023-03-01', '2024-02-29', '9559600'],
    ]);
    const id = await call('GET', '/api/v1/rules/pu.tidak.ada/history', officer);
    assert.equal(id.status, 404);
    assert.equal(id.body.code, 'rule_not_found');
    assert.match(id.body.detail, /Tidak ada parameter aturan dengan kunci pu\.tidak\.ada/);
    assert.match((await call('GET', '/api/v1/rules/pu.tidak.ada/history', officer, undefined, 'en')).body.detail, /There is no rule parameter with the key pu\.tidak\.ada/);
  });

  test('a proposal with mistakes names every field, in Indonesian and in English, and saves nothing', async () => {
    const bad = { key: 'pu.jp.cap', validFrom: '2026-03-01', value: '11.078.200', unit: 'percent', legalBasis: ' ' };
    const id = await propose(adminA, bad);
    assert.equal(id.status, 422);
    assert.deepEqual(id.body.errors.map((e: any) => `${e.field}:${e.rule}`), ['validFrom:rule_after_latest', 'unit:rule_unit_mismatch', 'value:rule_decimal', 'legalBasis:required']);
    assert.match(id.body.errors[0].message, /mulai berlaku 2026-03-01/);
    assert.match(id.body.errors[1].message, /satuan rupiah/);
    const en = await propose(adminA, bad, 'en');
    assert.match(en.body.errors[0].message, /starts on 2026-03-01\. A new version can only be added after that date/);
    assert.match(en.body.errors[2].message, /exact number/);
    const float = await propose(adminA, { ...bad, value: 11078200.5 });
    assert.equal(float.status, 422, 'a JSON number is refused: values travel as exact decimal text');
    assert.deepEqual(float.body.errors.map((e: any) => `${e.field}:${e.rule}`), ['value:type']);
    assert.equal((await t.db.selectFrom('rule_proposals').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n, 0);
    assert.equal((await propose(officer, { ...bad })).status, 403, 'only admins propose');
  });

  test('admin A proposes a new JP cap, cannot approve it; admin B approves: the open version ends, the new one is in force', async () => {
    const proposal = await propose(adminA, { key: 'pu.jp.cap', validFrom: '2027-03-01', value: '11078200', unit: 'rupiah', legalBasis: 'PP 45/2015 Pasal 29; PDB 2026', note: 'Batas upah JP 2027' });
    assert.equal(proposal.status, 201, JSON.stringify(proposal.body));
    const p = proposal.body;
    assert.deepEqual([p.status, p.value, p.validFrom, p.decidedBy, p.parameterId], ['pending', '11078200', '2027-03-01', null, null]);
    assert.equal(p.latest.validFrom, '2026-03-01', 'the version it would follow is shown');
    assert.equal((await inForce('2027-03-01')).get('pu.jp.cap').value, '10547400', 'nothing is in force before approval');

    const pending = await call('GET', '/api/v1/rules/proposals?status=pending', adminB);
    assert.deepEqual(pending.body.items.map((i: any) => i.id), [p.id]);

    const own = await call('POST', `/api/v1/rules/proposals/${p.id}/approve`, adminA, {});
    assert.equal(own.status, 403);
    assert.equal(own.body.code, 'own_rule_proposal');
    assert.equal(own.body.title, 'Anda tidak dapat memutuskan usulan Anda sendiri');
    assert.equal((await call('POST', `/api/v1/rules/proposals/${p.id}/approve`, adminA, {}, 'en')).body.title, 'You cannot decide your own proposal');
    assert.equal((await call('POST', `/api/v1/rules/proposals/${p.id}/reject`, adminA, { note: 'batal' })).body.code, 'own_rule_proposal', 'nor reject it');

    const approved = await call('POST', `/api/v1/rules/proposals/${p.id}/approve`, adminB, { note: 'Sesuai pengumuman' });
    assert.equal(approved.status, 200, JSON.stringify(approved.body));
    assert.equal(approved.body.proposal.status, 'approved');
    assert.equal(approved.body.proposal.decidedBy.id, await userIdOf(adminB));
    assert.equal(approved.body.parameter.id, approved.body.proposal.parameterId);
    assert.deepEqual([approved.body.parameter.validFrom, approved.body.parameter.validTo, approved.body.parameter.value], ['2027-03-01', null, '11078200']);

    assert.deepEqual((await history('pu.jp.cap')).slice(0, 2).map((v) => [v.validFrom, v.validTo, v.value, v.productDefault]), [
      ['2027-03-01', null, '11078200', false], ['2026-03-01', '2027-02-28', '10547400', true],
    ]);
    assert.equal((await inForce('2027-02-28')).get('pu.jp.cap').value, '10547400');
    assert.equal((await inForce('2027-03-01')).get('pu.jp.cap').value, '11078200');
    assert.equal((await inForce('2026-06-01')).get('pu.jp.cap').nextFrom, '2027-03-01', 'the next version is announced');
    const quote = await t.app.inject({ method: 'POST', url: '/api/v1/quotes/contribution', payload: { segment: 'PU', period: '2027-03', wage: 15_000_000, riskClass: 1 } });
    assert.equal(quote.json().lines.find((l: any) => l.program === 'JP').base, 11_078_200, 'the quote uses the new cap');

    const a = await userIdOf(adminA);
    const b = await userIdOf(adminB);
    assert.deepEqual(await auditOf('rule_proposal', p.id), [
      { action: 'rule_proposal.created', actor_user_id: a }, { action: 'rule_proposal.approved', actor_user_id: b },
    ]);
    const closed = (await history('pu.jp.cap'))[1].id;
    assert.deepEqual((await auditOf('rule_parameter', closed)).map((e) => e.action), ['rule_parameter.ended']);
    assert.deepEqual((await auditOf('rule_parameter', approved.body.parameter.id)).map((e) => e.action), ['rule_parameter.created']);

    const again = await call('POST', `/api/v1/rules/proposals/${p.id}/approve`, adminC, {});
    assert.equal(again.status, 409);
    assert.equal(again.body.code, 'rule_proposal_decided');
    assert.match(again.body.detail, /sudah disetujui/);
  });

  test('a proposal that no longer comes after the latest version is refused on approval, and nothing changes', async () => {
    const later = (await propose(adminA, { key: 'pu.jkp.cap', validFrom: '2027-05-01', value: '5500000', unit: 'rupiah', legalBasis: 'PP 6/2025' })).body;
    const earlier = (await propose(adminA, { key: 'pu.jkp.cap', validFrom: '2027-04-01', value: '5400000', unit: 'rupiah', legalBasis: 'PP 6/2025' })).body;
    const same = await propose(adminC, { key: 'pu.jkp.cap', validFrom: '2027-04-01', value: '5400001', unit: 'rupiah', legalBasis: 'PP 6/2025' });
    assert.deepEqual(same.body.errors.map((e: any) => e.rule), ['rule_pending_same_start']);
    assert.equal((await call('POST', `/api/v1/rules/proposals/${later.id}/approve`, adminB, {})).status, 200);
    const before = await history('pu.jkp.cap');
    const refused = await call('POST', `/api/v1/rules/proposals/${earlier.id}/approve`, adminB, {});
    assert.equal(refused.status, 409);
    assert.equal(refused.body.code, 'rule_version_not_latest');
    assert.match(refused.body.detail, /Versi terakhir pu\.jkp\.cap mulai berlaku 2027-05-01, sedangkan usulan ini mulai 2027-04-01/);
    assert.deepEqual(await history('pu.jkp.cap'), before, 'no version changed');
    assert.deepEqual((await auditOf('rule_proposal', earlier.id)).map((e) => e.action), ['rule_proposal.created'], 'no audit event of a refused approval');

    assert.equal((await call('POST', `/api/v1/rules/proposals/${earlier.id}/reject`, adminB, { note: ' ' })).status, 422, 'a rejection says why');
    const rejected = await call('POST', `/api/v1/rules/proposals/${earlier.id}/reject`, adminB, { note: 'Sudah ada versi Mei 2027' });
    assert.equal(rejected.status, 200);
    assert.deepEqual([rejected.body.status, rejected.body.decisionNote, rejected.body.parameterId], ['rejected', 'Sudah ada versi Mei 2027', null]);
    assert.deepEqual((await auditOf('rule_proposal', earlier.id)).map((e) => e.action), ['rule_proposal.created', 'rule_proposal.rejected']);
    const listed = await call('GET', '/api/v1/rules/proposals?status=rejected', adminA);
    assert.deepEqual(listed.body.items.map((i: any) => i.id), [earlier.id]);
    assert.equal((await call('GET', '/api/v1/rules/proposals?status=all', adminA)).body.items.length >= 3, true);
    assert.equal((await call('POST', '/api/v1/rules/proposals/999999/approve', adminB, {})).body.code, 'rule_proposal_not_found');
  });

  test('a version inside a limited period (a discount) ends the old one and keeps the end date; a new key starts open', async () => {
    const p = (await propose(adminA, { key: 'pu.jkk.discount.labor_intensive', validFrom: '2025-08-01', value: '40', unit: 'percent', legalBasis: 'PP 36/2025 (contoh uji)' })).body;
    assert.equal((await call('POST', `/api/v1/rules/proposals/${p.id}/approve`, adminB, {})).status, 200);
    assert.deepEqual((await history('pu.jkk.discount.labor_intensive')).map((v) => [v.validFrom, v.validTo, v.value]), [['2025-08-01', '2026-01-31', '40'], ['2025-02-01', '2025-07-31', '50']]);

    const n = (await propose(adminB, { key: 'bpu.test.new_flat', validFrom: '2027-01-01', value: '2500', unit: 'rupiah', legalBasis: 'Uji / test', productDefault: true })).body;
    assert.equal((await call('POST', `/api/v1/rules/proposals/${n.id}/approve`, adminA, {})).status, 200);
    const added = (await inForce('2027-01-01')).get('bpu.test.new_flat');
    assert.deepEqual([added.value, added.validTo, added.productDefault], ['2500', null, true]);
    assert.equal((await propose(adminA, { key: 'BPU.Test', validFrom: '2027-01-01', value: '1', unit: 'count', legalBasis: 'x' })).body.errors[0].rule, 'rule_key_format');
  });

  test('concurrent approvals: one decision per proposal, and versions of a key never overlap', async () => {
    const one = (await propose(adminA, { key: 'pmi.extra_month', validFrom: '2028-01-01', value: '14000', unit: 'rupiah', legalBasis: 'uji' })).body;
    const results = await Promise.all([adminB, adminC].map((h) => call('POST', `/api/v1/rules/proposals/${one.id}/approve`, h, {})));
    assert.deepEqual(results.map((r) => r.status).sort(), [200, 409]);

    const p1 = (await propose(adminA, { key: 'pmi.pre_placement', validFrom: '2028-03-01', value: '40000', unit: 'rupiah', legalBasis: 'uji' })).body;
    const p2 = (await propose(adminA, { key: 'pmi.pre_placement', validFrom: '2028-04-01', value: '41000', unit: 'rupiah', legalBasis: 'uji' })).body;
    const both = await Promise.all([p1, p2].map((p, i) => call('POST', `/api/v1/rules/proposals/${p.id}/approve`, i ? adminB : adminC, {})));
    assert.ok(both.some((r) => r.status === 200), JSON.stringify(both));
    const versions = (await history('pmi.pre_placement')).reverse();
    assert.equal(versions.filter((v) => v.validTo === null).length, 1, 'one open version');
    for (let i = 1; i < versions.length; i++) assert.ok(versions[i - 1].validTo < versions[i].validFrom, `no overlap: ${JSON.stringify(versions)}`);
  });

  test('the database itself refuses to change a rule row in place, to delete one, or to let the proposer decide', async () => {
    const row = (await history('pu.jkm.rate'))[0];
    await assert.rejects(sql`UPDATE rule_parameters SET value = 0.5 WHERE id = ${row.id}`.execute(t.db), /only ever get an earlier valid_to/);
    await assert.rejects(sql`UPDATE rule_parameters SET valid_to = '2030-01-01' WHERE id = ${(await history('pu.jp.cap'))[1].id}`.execute(t.db), /only ever get an earlier valid_to/, 'an ended version is not reopened later');
    await assert.rejects(sql`DELETE FROM rule_parameters WHERE id = ${row.id}`.execute(t.db), /never deleted/);
    const a = await userIdOf(adminA);
    const p = (await propose(adminA, { key: 'pu.jkm.rate', validFrom: '2030-01-01', value: '0.3', unit: 'percent', legalBasis: 'uji' })).body;
    await assert.rejects(sql`UPDATE rule_proposals SET status = 'rejected', decided_by = ${a}, decided_at = now(), decision_note = 'x' WHERE id = ${p.id}`.execute(t.db), /check constraint/);
  });
});
