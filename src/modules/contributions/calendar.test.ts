import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dueDate, monthsLate, nextWorkingDay } from './calendar.ts';

const HOLIDAYS = new Set(['2026-08-17', '2025-12-25', '2026-01-01']);
const PU = { day: 15, monthOffset: 1 };
const BPU = { day: 15, monthOffset: 0 };

test('PU is due the 15th of the next month, BPU the 15th of the same month', () => {
  assert.equal(dueDate('2025-03-01', PU, HOLIDAYS), '2025-04-15');
  assert.equal(dueDate('2025-04-01', BPU, HOLIDAYS), '2025-04-15');
  assert.equal(dueDate('2025-12-01', PU, HOLIDAYS), '2026-01-15', 'across the year end');
});

test('a due date on a weekend or holiday moves to the next working day', () => {
  assert.equal(dueDate('2025-03-01', BPU, HOLIDAYS), '2025-03-17', 'Saturday 15 March 2025 → Monday');
  assert.equal(dueDate('2026-07-01', PU, HOLIDAYS), '2026-08-18', 'Saturday, Sunday, then Independence Day');
  assert.equal(nextWorkingDay('2025-12-25', HOLIDAYS), '2025-12-26');
  assert.equal(nextWorkingDay('2025-12-24', HOLIDAYS), '2025-12-24');
});

test('D7: each started 30 days after the due date is a month of delay', () => {
  assert.equal(monthsLate('2025-02-15', '2025-02-15', 30), 0, 'on the day is on time');
  assert.equal(monthsLate('2025-02-15', '2025-02-10', 30), 0);
  assert.equal(monthsLate('2025-02-15', '2025-02-16', 30), 1);
  assert.equal(monthsLate('2025-02-15', '2025-03-17', 30), 1, 'day 30');
  assert.equal(monthsLate('2025-02-15', '2025-03-18', 30), 2, 'day 31');
  assert.equal(monthsLate('2025-02-15', '2025-04-10', 30), 2, 'the RULES.md §3 example');
});
