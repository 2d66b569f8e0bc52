import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCalendar, foldLine, icsText } from './ics.ts';

test('an iCalendar file: CRLF lines, whole-day events ending the next day, stable ids', () => {
  const text = buildCalendar('Jatuh tempo iuran 2027', [
    { uid: 'due-bpu-2027-01@lindung', day: '2027-01-18', summary: 'Jatuh tempo iuran BPU Januari 2027', description: 'Bergeser dari 15 Januari; hari libur' },
    { uid: 'holiday-2027-12-31@lindung', day: '2027-12-31', summary: 'Hari libur' },
  ], new Date('2026-11-22T02:03:04.567Z'));
  const lines = text.split('\r\n');
  assert.equal(lines.at(-1), '', 'ends with CRLF');
  assert.ok(!text.replace(/\r\n/g, '').includes('\n'), 'no bare line feeds');
  assert.deepEqual(lines.slice(0, 2), ['BEGIN:VCALENDAR', 'VERSION:2.0']);
  assert.equal(lines.filter((l) => l === 'BEGIN:VEVENT').length, 2);
  assert.ok(lines.includes('DTSTART;VALUE=DATE:20270118') && lines.includes('DTEND;VALUE=DATE:20270119'));
  assert.ok(lines.includes('DTEND;VALUE=DATE:20280101'), 'the last day of a year ends on the first of the next');
  assert.ok(lines.includes('DTSTAMP:20261122T020304Z'));
  assert.ok(lines.includes('DESCRIPTION:Bergeser dari 15 Januari\\; hari libur'));
});

test('text is escaped, and long lines fold at 75 octets without splitting a character', () => {
  assert.equal(icsText('a,b;c\\d\ne'), 'a\\,b\\;c\\\\d\\ne');
  const long = `SUMMARY:${'Hari Raya Idul Fitri 1448 Hijriah — libur nasional '.repeat(3)}`;
  const folded = foldLine(long);
  const parts = folded.split('\r\n');
  assert.ok(parts.length > 1);
  assert.ok(parts.every((p) => Buffer.byteLength(p, 'utf8') <= 75), 'every physical line fits');
  assert.ok(parts.slice(1).every((p) => p.startsWith(' ')));
  assert.equal(parts.map((p, i) => (i ? p.slice(1) : p)).join(''), long, 'unfolding gives the line back');
});
