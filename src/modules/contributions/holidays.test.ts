/** The holiday calendar: read by anyone with the due dates it makes; changed by two admins. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testApp } from '../../../test/support/app.ts';
import { holidayProposalErrors, type HolidayProposalInput } from './holidays.ts';

describe('pure rules of a holiday proposal', () => {
  const add: HolidayProposalInput = { action: 'add', day: '2027-01-15', nameId: 'Pemungutan suara', nameEn: 'Election day', legalBasis: 'Keppres 2027' };
  const christmas = { day: '2026-12-25', nameId: 'Hari Raya Natal', nameEn: 'Christmas Day', legalBasis: 'SKB 3 Menteri 2026' };
  const rules = (input: Partial<HolidayProposalInput>, recorded?: typeof christmas) =>
    holidayProposalErrors({ ...add, ...input }, recorded).map((e) => `${e.field}:${e.rule}`);

  test('adding a day that is not yet a holiday, with both names and a legal basis', () => {
    assert.deepEqual(rules({}), []);
    assert.deepEqual(rules({ day: '2026-12-25' }, christmas), ['day:holiday_exists']);
    assert.deepEqual(rules({ nameId: ' ', nameEn: null, legalBasis: '' }), ['nameId:required', 'nameEn:required', 'legalBasis:required']);
    assert.deepEqual(rules({ day: '2027-02-29' }), ['day:rule_date']);
    assert.deepEqual(rules({ action: 'move' }), ['action:holiday_action']);
  });

  test('removing a recorded holiday needs only the day and the decree', () => {
    assert.deepEqual(rules({ action: 'remove', day: '2026-12-25', nameId: null, nameEn: null }, christmas), []);
    assert.deepEqual(rules({ action: 'remove', nameId: null, nameEn: null }), ['day:holiday_missing']);
  });
});

describe('the calendar over HTTP', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let adminA: Record<string, string>;
  let adminB: Record<string, string>;
  let officer: Record<string, string>;
  before(async () => {
    t = await testApp();
    adminA = await t.signIn(await t.createUser('admin'));
    adminB = await t.signIn(await t.createUser('admin'));
    officer = await t.signIn(await t.createUser('officer'));
  });
  after(() => t.close());

  const call = async (method: 'GET' | 'POST', url: string, headers: Record<string, string>, payload?: object, lang = 'id') => {
    const res = await t.app.inject({ method, url, headers: { ...headers, 'accept-language': lang }, payload });
    return { status: res.statusCode, body: res.json() };
  };
  const calendar = async (year: number) => {
    const res = await call('GET', `/api/v1/holidays?year=${year}`, {});
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body as { holidays: { day: string; nameId: string }[]; years: number[]; dueDates: { period: string; pu: string; bpu: string }[] };
  };
  const dueOf = async (period: string) => (await calendar(Number(period.slice(0, 4)))).dueDates.find((d) => d.period === period)!;
  const proposalCount = async () => (await t.db.selectFrom('holiday_proposals').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n;

  test('anyone reads a year\'s holidays and when each month falls due', async () => {
    const y2025 = await calendar(2025);
    assert.equal(y2025.holidays.length, 17);
    assert.deepEqual(y2025.holidays[0], { day: '2025-01-01', nameId: 'Tahun Baru 2025 Masehi', nameEn: 'New Year\'s Day', legalBasis: 'SKB 3 Menteri 2025' });
    assert.deepEqual(y2025.years, [2025, 2026]);
    assert.deepEqual(await dueOf('2025-03-01'), { period: '2025-03-01', pu: '2025-04-15', bpu: '2025-03-17' }, '15 March 2025 is a Saturday');
    assert.equal(y2025.dueDates.length, 12);
    assert.deepEqual(await calendar(2000), { year: 2000, years: [2025, 2026], holidays: [], dueDates: [] }, 'before the rules begin: no holidays, no due dates');
  });

  test('admin A proposes a holiday on a due date; only admin B may approve it; then both bills of January 2027 fall due on Monday the 18th', async () => {
    assert.deepEqual(await dueOf('2027-01-01'), { period: '2027-01-01', pu: '2027-02-15', bpu: '2027-01-15' });
    assert.equal((await dueOf('2026-12-01')).pu, '2027-01-15');
    const proposed = await call('POST', '/api/v1/holidays/proposals', adminA, { action: 'add', day: '2027-01-15', nameId: 'Pemungutan suara pemilihan kepala daerah', nameEn: 'Regional election day', legalBasis: 'Keppres Nomor 1 Tahun 2027' });
    assert.equal(proposed.status, 201, JSON.stringify(proposed.body));
    assert.equal(proposed.body.status, 'pending');
    assert.equal((await dueOf('2027-01-01')).bpu, '2027-01-15', 'nothing changes before approval');
    assert.equal((await call('POST', '/api/v1/holidays/proposals', officer, { action: 'add', day: '2027-01-20', nameId: 'x', nameEn: 'x', legalBasis: 'x' })).status, 403, 'only admins propose');

    const own = await call('POST', `/api/v1/holidays/proposals/${proposed.body.id}/approve`, adminA, {});
    assert.equal(own.status, 403);
    assert.equal(own.body.title, 'Anda tidak dapat memutuskan usulan Anda sendiri');
    const approved = await call('POST', `/api/v1/holidays/proposals/${proposed.body.id}/approve`, adminB, { note: 'Sesuai Keppres' });
    assert.equal(approved.status, 200, JSON.stringify(approved.body));
    assert.equal(approved.body.status, 'approved');
    assert.equal((await call('POST', `/api/v1/holidays/proposals/${proposed.body.id}/approve`, adminB, {})).body.code, 'holiday_proposal_decided', 'decided once');

    assert.ok((await calendar(2027)).holidays.some((h) => h.day === '2027-01-15' && h.nameId === 'Pemungutan suara pemilihan kepala daerah'));
    assert.equal((await dueOf('2027-01-01')).bpu, '2027-01-18');
    assert.equal((await dueOf('2026-12-01')).pu, '2027-01-18');
    // the same, as a calendar file an employer's calendar app imports
    const ics = await t.app.inject({ method: 'GET', url: '/api/v1/holidays/calendar.ics?year=2027&segment=BPU&lang=id' });
    assert.equal(ics.statusCode, 200);
    assert.match(ics.headers['content-type'] as string, /^text\/calendar; charset=utf-8/);
    assert.match(ics.headers['content-disposition'] as string, /filename="jatuh-tempo-2027\.ics"/);
    const events = ics.body.split('BEGIN:VEVENT').slice(1);
    const january = events.find((e) => e.includes('UID:due-bpu-2027-01@lindung'))!;
    assert.match(january, /DTSTART;VALUE=DATE:20270118\r\n/);
    assert.match(january, /SUMMARY:Jatuh tempo iuran BPU Januari 2027\r\n/);
    assert.ok(events.some((e) => e.includes('SUMMARY:Hari libur: Pemungutan suara pemilihan kepala daerah')));
    assert.equal(events.filter((e) => e.includes('UID:due-pu-')).length, 0, 'only BPU due dates when asked for BPU');
    assert.match((await t.app.inject({ method: 'GET', url: '/api/v1/holidays/calendar.ics?year=2027&lang=en' })).body, /SUMMARY:PU contributions for December 2027 due/);
    const audit = await t.db.selectFrom('audit_events').select('action').where('entity_type', 'in', ['holiday', 'holiday_proposal']).orderBy('id').execute();
    assert.deepEqual(audit.map((a) => a.action), ['holiday_proposal.created', 'holiday.added', 'holiday_proposal.approved']);
  });

  test('a proposal with mistakes names its fields in Indonesian and English and saves nothing', async () => {
    const before = await proposalCount();
    const exists = await call('POST', '/api/v1/holidays/proposals', adminA, { action: 'add', day: '2026-12-25', nameId: '', nameEn: 'Christmas', legalBasis: ' ' });
    assert.equal(exists.status, 422);
    assert.deepEqual(exists.body.errors.map((e: any) => `${e.field}:${e.rule}`), ['day:holiday_exists', 'nameId:required', 'legalBasis:required']);
    assert.match(exists.body.errors[0].message, /sudah tercatat sebagai hari libur \(Hari Raya Natal\)/);
    const en = await call('POST', '/api/v1/holidays/proposals', adminA, { action: 'remove', day: '2026-12-24', legalBasis: 'SKB' }, 'en');
    assert.equal(en.body.errors[0].message, '2026-12-24 is not a recorded holiday.');
    assert.equal((await call('POST', '/api/v1/holidays/proposals', adminA, { action: 'add', day: '24/12/2026', nameId: 'a', nameEn: 'a', legalBasis: 'b' })).body.errors[0].rule, 'rule_date');
    assert.equal(await proposalCount(), before);
  });

  test('removing a holiday: rejected with a reason first, approved later; one open proposal per day', async () => {
    const remove = { action: 'remove', day: '2026-12-25', legalBasis: 'SKB 3 Menteri 2026 (perubahan)' };
    const first = await call('POST', '/api/v1/holidays/proposals', adminA, remove);
    assert.equal(first.status, 201, JSON.stringify(first.body));
    const twice = await call('POST', '/api/v1/holidays/proposals', adminB, remove);
    assert.deepEqual(twice.body.errors.map((e: any) => e.rule), ['holiday_pending']);
    assert.equal((await call('POST', `/api/v1/holidays/proposals/${first.body.id}/reject`, adminB, { note: '' })).status, 422, 'a rejection says why');
    const rejected = await call('POST', `/api/v1/holidays/proposals/${first.body.id}/reject`, adminB, { note: 'Natal tetap hari libur' });
    assert.equal(rejected.body.status, 'rejected');
    assert.ok((await calendar(2026)).holidays.some((h) => h.day === '2026-12-25'), 'a rejection changes nothing');

    const second = await call('POST', '/api/v1/holidays/proposals', adminB, remove);
    assert.equal((await call('POST', `/api/v1/holidays/proposals/${second.body.id}/approve`, adminA, {})).status, 200);
    assert.ok(!(await calendar(2026)).holidays.some((h) => h.day === '2026-12-25'));
    const pending = await call('GET', '/api/v1/holidays/proposals?status=all', adminB);
    assert.deepEqual(pending.body.items.slice(0, 2).map((p: any) => [p.action, p.day, p.status]), [['remove', '2026-12-25', 'approved'], ['remove', '2026-12-25', 'rejected']]);
  });

  test('a proposal overtaken by the calendar is refused on approval and changes nothing', async () => {
    const p = await call('POST', '/api/v1/holidays/proposals', adminA, { action: 'add', day: '2027-03-26', nameId: 'Wafat Yesus Kristus', nameEn: 'Good Friday', legalBasis: 'SKB 3 Menteri 2027' });
    await t.db.insertInto('holidays').values({ day: '2027-03-26', name_id: 'Wafat Yesus Kristus', name_en: 'Good Friday', legal_basis: 'SKB 3 Menteri 2027' }).execute();
    const refused = await call('POST', `/api/v1/holidays/proposals/${p.body.id}/approve`, adminB, {});
    assert.equal(refused.status, 409);
    assert.match(refused.body.detail, /2027-03-26 sudah menjadi hari libur\. Tolak usulan ini\./);
    assert.equal((await call('GET', '/api/v1/holidays/proposals?status=pending', adminB)).body.items[0].id, p.body.id, 'still waiting, to be rejected');
  });
});
