import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabase } from '../../../test/support/db.ts';
import { nikFor } from '../../../test/support/people.ts';
import { inTransaction, type DatabaseHandle } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { SYSTEM } from '../audit/audit.ts';
import { registerBpu } from '../registry/bpu-registration.ts';
import { accountId, balanceOf } from './accounts.ts';
import { postEntry } from './journal.ts';
import { creditJhtReturns, declareJhtRate, jhtReturn, jhtStatement, monthEndsFrom } from './jht.ts';
import { verifyLedger } from './verify.ts';

test('D14: each month-end balance earns rate/12; money that came or left in the year earns for its months only', () => {
  assert.equal(monthEndsFrom('2024-12-31', 2025), 12);
  assert.equal(monthEndsFrom('2025-07-10', 2025), 6);
  assert.equal(monthEndsFrom('2026-01-01', 2025), 0);
  assert.equal(jhtReturn([{ date: '2024-06-01', amount: 1_200_000 }], 2025, '6'), 72_000, 'a whole year at 6%');
  assert.equal(jhtReturn([{ date: '2025-07-10', amount: 100_000 }], 2025, '6'), 3_000, 'July to December');
  assert.equal(jhtReturn([{ date: '2024-06-01', amount: 1_200_000 }, { date: '2025-04-10', amount: -1_200_000 }], 2025, '6'), 18_000, 'claimed in April: January to March');
  assert.equal(jhtReturn([{ date: '2025-01-15', amount: 1_001 }], 2025, '5.63'), 56, 'half up once: 1,001 × 12 × 5.63% / 12 = 56.3563');
});

let handle: DatabaseHandle;
const participants: number[] = [];
before(async () => {
  handle = await testDatabase();
  const village = (await handle.db.selectFrom('regions').select('code').where('parent_code', '=', '15.71.01').orderBy('code').executeTakeFirstOrThrow()).code;
  for (const [i, name] of ['Siti Rahma', 'Yusuf Hakim'].entries()) {
    participants.push((await registerBpu(handle.db, {
      nik: nikFor('157101', '1980-03-03', i ? 'M' : 'F', 8400 + i), fullName: name, birthDate: '1980-03-03', sex: i ? 'M' : 'F', phone: `08127700${8400 + i}`, villageCode: village,
      occupation: 'market_trader', declaredIncome: 2_000_000, programs: ['JKK', 'JKM', 'JHT'],
    }, { actor: SYSTEM, via: 'officer' })).participantId);
  }
  const counter = await accountId(handle.db, { kind: 'clearing', channel: 'counter' });
  const fund = await accountId(handle.db, { kind: 'fund', program: 'JHT' });
  const [a, b] = [await accountId(handle.db, { kind: 'jht', participantId: participants[0]! }), await accountId(handle.db, { kind: 'jht', participantId: participants[1]! })];
  const post = (key: string, date: string, postings: Parameters<typeof postEntry>[2]) =>
    inTransaction(handle.db, (tx) => postEntry(tx, { idempotencyKey: key, kind: 'payment', reason: 'uji / test', source: { type: 'test', id: key }, effectiveDate: date, actor: SYSTEM }, postings));
  await post('jht-1', '2024-11-20', [{ account: counter, side: 'D', amount: 1_200_000 }, { account: a, side: 'C', amount: 1_200_000 }]);
  await post('jht-2', '2025-07-10', [{ account: counter, side: 'D', amount: 100_000 }, { account: a, side: 'C', amount: 100_000 }]);
  await post('jht-3', '2025-02-01', [{ account: counter, side: 'D', amount: 600_000 }, { account: b, side: 'C', amount: 600_000 }]);
  await post('jht-4', '2025-05-05', [{ account: b, side: 'D', amount: 600_000 }, { account: fund, side: 'C', amount: 600_000 }]); // a claim paid out in May
});
after(() => handle.close());

test('the yearly run credits every JHT account once, from the JHT fund, after the year and at the declared rate', async () => {
  await assert.rejects(creditJhtReturns(handle.db, 2025, { today: '2026-01-05' }), (e) => e instanceof AppError && e.code === 'jht_rate_missing');
  await declareJhtRate(handle.db, { year: 2025, rate: '6', legalBasis: 'Keputusan Direksi (uji / test)', actor: SYSTEM });
  await assert.rejects(creditJhtReturns(handle.db, 2025, { today: '2025-12-31' }), (e) => e instanceof AppError && e.code === 'jht_year_not_over');

  const first = await creditJhtReturns(handle.db, 2025, { today: '2026-01-05' });
  const expectA = jhtReturn([{ date: '2024-11-20', amount: 1_200_000 }, { date: '2025-07-10', amount: 100_000 }], 2025, '6');
  const expectB = jhtReturn([{ date: '2025-02-01', amount: 600_000 }, { date: '2025-05-05', amount: -600_000 }], 2025, '6');
  assert.deepEqual([expectA, expectB], [75_000, 9_000], '72,000 + 3,000; February to April on 600,000');
  assert.deepEqual(first, { credited: 2, amount: expectA + expectB });
  assert.deepEqual(await creditJhtReturns(handle.db, 2025, { today: '2026-02-01' }), { credited: 0, amount: 0 }, 'once per account and year');

  const statement = await jhtStatement(handle.db, participants[0]!);
  assert.equal(statement.balance, 1_300_000 + expectA);
  assert.equal(statement.balance, await balanceOf(handle.db, await accountId(handle.db, { kind: 'jht', participantId: participants[0]! })));
  assert.deepEqual(statement.movements.map((m) => [m.date, m.amount, m.balance]), [['2024-11-20', 1_200_000, 1_200_000], ['2025-07-10', 100_000, 1_300_000], ['2025-12-31', expectA, 1_300_000 + expectA]]);
  assert.deepEqual(statement.returns, [{ year: 2025, amount: expectA, rate: '6' }]);
  assert.deepEqual((await verifyLedger(handle.db)).problems, []);
});

test("a credited year's rate can no longer change", async () => {
  await assert.rejects(declareJhtRate(handle.db, { year: 2025, rate: '7', legalBasis: 'koreksi / correction', actor: SYSTEM }), (e) => e instanceof AppError && e.code === 'jht_year_credited');
  assert.equal(String((await handle.db.selectFrom('jht_return_rates').select('rate').where('year', '=', 2025).executeTakeFirstOrThrow()).rate), '6');
});
