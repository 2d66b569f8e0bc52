import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ageOn, mayClaim, scholarshipChildren, type FamilyMember } from './heirs.ts';

const m = (id: number, relation: FamilyMember['relation'], birthDate: string, extra: Partial<FamilyMember> = {}): FamilyMember =>
  ({ id, relation, birthDate, married: false, working: false, deceased: false, ...extra });

test('spouse and children claim first; parents only when there are none', () => {
  const family = [m(1, 'spouse', '1985-01-01'), m(2, 'child', '2010-05-05'), m(3, 'parent', '1950-01-01'), m(4, 'sibling', '1988-01-01')];
  assert.deepEqual([...mayClaim(family)], [1, 2]);
  assert.deepEqual([...mayClaim([m(3, 'parent', '1950-01-01'), m(4, 'sibling', '1988-01-01')])], [3]);
  assert.deepEqual([...mayClaim([m(1, 'spouse', '1985-01-01', { deceased: true }), m(4, 'sibling', '1988-01-01')])], [4], 'the deceased do not claim');
  assert.deepEqual([...mayClaim([])], []);
});

test('scholarships go to at most two children under 23 who are unmarried and not working', () => {
  const on = '2026-11-21';
  const family = [
    m(1, 'child', '2003-11-22'), // 22 on the day
    m(2, 'child', '2003-11-21', { married: true }),
    m(3, 'child', '2012-02-29'),
    m(4, 'child', '2015-07-01'),
    m(5, 'child', '2001-01-01'), // 25
    m(6, 'spouse', '1980-01-01'),
  ];
  assert.deepEqual([...scholarshipChildren(family, on)], [1, 3]);
  assert.equal(ageOn('2003-11-22', on), 22);
  assert.equal(ageOn('2003-11-21', on), 23);
  assert.equal(ageOn('2012-02-29', '2026-02-28'), 13, 'a leap-day birthday comes on 1 March');
});
