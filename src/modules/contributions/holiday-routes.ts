/**
 * The holiday calendar: anyone reads a year's holidays and when each month's bills fall due; admins
 * change it with maker-checker (holidays.ts).
 */
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { requireUser } from '../../platform/http/access.ts';
import { responses, type App } from '../../platform/http/server.ts';
import { approveHolidayProposal, dueDatesOf, holidaysOf, listHolidayProposals, proposeHoliday, rejectHolidayProposal } from './holidays.ts';
import { ApproveBody, ProposalListQuery, ProposalParams, RejectBody } from '../rules/routes.ts';
import { wibDate } from './calendar.ts';
import { buildCalendar, type DayEvent } from './ics.ts';

const PROPOSALS_READ = ['admin', 'auditor'] as const;
const CALENDAR_WRITE = ['admin'] as const;

const Nullable = <T extends import('@sinclair/typebox').TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Holiday = Type.Object({ day: Type.String(), nameId: Type.String(), nameEn: Type.String(), legalBasis: Type.String() });
const Person = Type.Object({ id: Type.Integer(), name: Type.String() });
const Proposal = Type.Object({
  id: Type.Integer(), action: Type.Union([Type.Literal('add'), Type.Literal('remove')]), day: Type.String(),
  nameId: Nullable(Type.String()), nameEn: Nullable(Type.String()), legalBasis: Type.String(),
  status: Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('rejected')]),
  proposedBy: Person, proposedAt: Type.String(), decidedBy: Nullable(Person), decidedAt: Nullable(Type.String()), decisionNote: Nullable(Type.String()),
});
const Lang = Type.Optional(Type.Union([Type.Literal('id'), Type.Literal('en')], { description: 'bahasa berkas / the file\'s language (default: Accept-Language)' }));
const monthName = (period: string, lang: 'id' | 'en') =>
  new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${period}T00:00:00Z`));

/** A year's due dates (PU, BPU or both) and holidays as calendar events, in one language. */
function dueDateEvents(calendar: Awaited<ReturnType<typeof holidaysOf>>, dueDates: Awaited<ReturnType<typeof dueDatesOf>>, segment: 'PU' | 'BPU' | 'all', lang: 'id' | 'en'): DayEvent[] {
  const due = (seg: 'PU' | 'BPU', period: string) => (lang === 'id' ? `Jatuh tempo iuran ${seg} ${monthName(period, lang)}` : `${seg} contributions for ${monthName(period, lang)} due`);
  const events: DayEvent[] = [];
  for (const d of dueDates) {
    if (segment !== 'PU') events.push({ uid: `due-bpu-${d.period.slice(0, 7)}@lindung`, day: d.bpu, summary: due('BPU', d.period) });
    if (segment !== 'BPU') events.push({ uid: `due-pu-${d.period.slice(0, 7)}@lindung`, day: d.pu, summary: due('PU', d.period) });
  }
  for (const h of calendar.holidays) {
    events.push({ uid: `holiday-${h.day}@lindung`, day: h.day, summary: `${lang === 'id' ? 'Hari libur' : 'Holiday'}: ${lang === 'id' ? h.nameId : h.nameEn}`, description: h.legalBasis });
  }
  return events.sort((a, b) => a.day.localeCompare(b.day));
}

const actorOf = (request: FastifyRequest) => {
  const user = requireUser(request);
  return { userId: user.id, role: user.role };
};

export async function holidayRoutes(app: App) {
  app.get('/api/v1/holidays', {
    config: { access: 'public' },
    schema: {
      tags: ['contributions'],
      summary: 'Hari libur satu tahun dan jatuh tempo tiap bulan / a year\'s holidays and when each month falls due',
      description: 'Tanpa year: tahun ini (WIB). dueDates: jatuh tempo tagihan PU dan BPU tiap bulan iuran menurut aturan dan kalender saat ini. / Without year: this year (WIB). dueDates: when each contribution month\'s PU and BPU bills fall due by the rules and the calendar now.',
      querystring: Type.Object({ year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })) }, { additionalProperties: false }),
      response: responses({ 200: Type.Object({
        year: Type.Integer(), years: Type.Array(Type.Integer()), holidays: Type.Array(Holiday),
        dueDates: Type.Array(Type.Object({ period: Type.String(), pu: Type.String(), bpu: Type.String() })),
      }) }),
    },
  }, async (request) => {
    const year = request.query.year ?? Number(wibDate().slice(0, 4));
    return { year, ...await holidaysOf(app.db, year), dueDates: await dueDatesOf(app.db, year) };
  });

  app.get('/api/v1/holidays/calendar.ics', {
    config: { access: 'public' },
    schema: {
      tags: ['contributions'],
      summary: 'Unduh jatuh tempo dan hari libur satu tahun sebagai kalender (ICS) / download a year\'s due dates and holidays as a calendar (ICS)',
      querystring: Type.Object({
        year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
        segment: Type.Union([Type.Literal('PU'), Type.Literal('BPU'), Type.Literal('all')], { default: 'all' }),
        lang: Lang,
      }, { additionalProperties: false }),
    },
  }, async (request, reply) => {
    const year = request.query.year ?? Number(wibDate().slice(0, 4));
    const lang = request.query.lang ?? request.lang;
    const events = dueDateEvents(await holidaysOf(app.db, year), await dueDatesOf(app.db, year), request.query.segment, lang);
    const name = lang === 'id' ? `Jatuh tempo iuran ${year}` : `Contribution due dates ${year}`;
    reply.header('content-disposition', `attachment; filename="jatuh-tempo-${year}.ics"`).type('text/calendar; charset=utf-8');
    return buildCalendar(name, events, new Date());
  });

  app.get('/api/v1/holidays/proposals', {
    config: { access: { roles: PROPOSALS_READ } },
    schema: {
      tags: ['contributions'], summary: 'Usulan perubahan kalender hari libur / holiday calendar proposals',
      querystring: ProposalListQuery,
      response: responses({ 200: Type.Object({ items: Type.Array(Proposal) }) }),
    },
  }, async (request) => {
    const { status, limit } = request.query;
    return { items: await listHolidayProposals(app.db, { status: status === 'all' ? undefined : status, limit }) };
  });

  app.post('/api/v1/holidays/proposals', {
    config: { access: { roles: CALENDAR_WRITE } },
    schema: {
      tags: ['contributions'],
      summary: 'Usulkan menambah atau menghapus hari libur (berlaku setelah disetujui admin lain) / propose adding or removing a holiday (in force once another admin approves)',
      body: Type.Object({
        action: Type.String({ maxLength: 10, description: 'add | remove' }),
        day: Type.String({ maxLength: 10, description: 'YYYY-MM-DD' }),
        nameId: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
        nameEn: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
        legalBasis: Type.String({ maxLength: 500 }),
      }, { additionalProperties: false }),
      response: responses({ 201: Proposal }),
    },
  }, async (request, reply) => reply.status(201).send(await proposeHoliday(app.db, request.body, actorOf(request), request.id)));

  app.post('/api/v1/holidays/proposals/:id/approve', {
    config: { access: { roles: CALENDAR_WRITE } },
    schema: {
      tags: ['contributions'], summary: 'Setujui usulan hari libur (bukan oleh pengusulnya) / approve a holiday proposal (not by its proposer)',
      params: ProposalParams,
      body: ApproveBody,
      response: responses({ 200: Proposal }),
    },
  }, async (request) => approveHolidayProposal(app.db, request.params.id, actorOf(request), request.body.note, request.id));

  app.post('/api/v1/holidays/proposals/:id/reject', {
    config: { access: { roles: CALENDAR_WRITE } },
    schema: {
      tags: ['contributions'], summary: 'Tolak usulan hari libur dengan alasan (bukan oleh pengusulnya) / reject a holiday proposal with a reason (not by its proposer)',
      params: ProposalParams,
      body: RejectBody,
      response: responses({ 200: Proposal }),
    },
  }, async (request) => rejectHolidayProposal(app.db, request.params.id, actorOf(request), request.body.note, request.id));
}
