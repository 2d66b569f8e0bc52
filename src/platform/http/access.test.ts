import { test } from 'node:test';
import assert from 'node:assert/strict';
import { regionInScope } from './access.ts';
import { scopeOf } from '../../modules/identity/service.ts';

test('a region is in scope when it lies within one of the scope prefixes, whole segments only', () => {
  const jambi = { national: false as const, regionPrefixes: ['15.71', '15.05'] };
  assert.equal(regionInScope(jambi, '15.71'), true);
  assert.equal(regionInScope(jambi, '15.71.01.1001'), true);
  assert.equal(regionInScope(jambi, '15.05.02'), true);
  assert.equal(regionInScope(jambi, '15.08'), false);
  assert.equal(regionInScope(jambi, '15'), false, 'a branch does not see its whole province');
  assert.equal(regionInScope({ national: false, regionPrefixes: ['1'] }, '15.71'), false, 'prefixes match whole segments');
  assert.equal(regionInScope({ national: true }, '82.71'), true);
  assert.equal(regionInScope({ national: false, regionPrefixes: [] }, '82.71'), false, 'no scope sees nothing');
});

test('auditors and admins are national unless given a branch or regions; other staff never are', () => {
  assert.deepEqual(scopeOf('admin', [], []), { national: true });
  assert.deepEqual(scopeOf('auditor', [], ['82']), { national: false, regionPrefixes: ['82'] });
  assert.deepEqual(scopeOf('officer', [], []), { national: false, regionPrefixes: [] });
  assert.deepEqual(scopeOf('supervisor', ['33.74', '33.21'], ['33.24']), { national: false, regionPrefixes: ['33.74', '33.21', '33.24'] });
});
