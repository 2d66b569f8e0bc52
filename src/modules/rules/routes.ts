import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.ts';
import { defineFieldRules } from '../../platform/i18n.ts';
import { requireUser } from '../../platform/http/access.ts';
import { responses, type App } from '../../platform/http/server.ts';
import { MissingRuleError, parametersAt } from './parameters.ts';
import { approveProposal, listProposals, parameterHistory, parametersInForce, proposeVersion, rejectProposal, UNITS } from './proposals.ts';
import { wibDate } from '../contributions/calendar.ts';
import { computeQuote, keysFor, optionalKeysFor, quoteInputErrors } from './quote.ts';

defineFieldRules({
  not_for_segment: { id: 'Tidak berlaku untuk segmen {segment}; hapus kolom ini.', en: 'Does not apply to segment {segment}; remove this field.' },
  wage_or_contract: { id: 'Isi upah atau nilai kontrak, salah satu saja.', en: 'Give either the wage or the contract value, not both.' },
  no_rule_in_force: { id: 'Belum ada aturan iuran yang berlaku untuk periode ini.', en: 'No contribution rule is in force for this period.' },
});

const Amount = Type.Integer({ minimum: 1, maximum: 1_000_000_000_000_000 });

/** Who reads the rules in force and their history; only admins change them (maker-checker). */
const RULES_READ = ['admin', 'auditor', 'officer', 'supervisor'] as const;
const PROPOSALS_READ = ['admin', 'auditor'] as const;
const RULES_WRITE = ['admin'] as const;

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
const Parameter = Type.Object({
  id: Type.Integer(), key: Type.String(), validFrom: Type.String(), validTo: Nullable(Type.String()),
  value: Type.String({ description: 'angka desimal tepat / exact decimal ("0.24", "11078200")' }), unit: Type.String(),
  legalBasis: Type.String(), productDefault: Type.Boolean(), note: Nullable(Type.String()),
});
const Person = Type.Object({ id: Type.Integer(), name: Type.String() });
const Proposal = Type.Object({
  id: Type.Integer(), key: Type.String(), validFrom: Type.String(), value: Type.String(), unit: Type.String(), legalBasis: Type.String(),
  productDefault: Type.Boolean(), note: Nullable(Type.String()),
  status: Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('rejected')]),
  proposedBy: Person, proposedAt: Type.String(), decidedBy: Type.Union([Person, Type.Null()]), decidedAt: Nullable(Type.String()),
  decisionNote: Nullable(Type.String()), parameterId: Type.Union([Type.Integer(), Type.Null()]),
  latest: Type.Union([Parameter, Type.Null()], { description: 'versi terakhir kunci ini saat ini (usulan menunggu) / the key\'s latest version now (pending proposals)' }),
});
/** What every maker-checker queue takes (rules here, the holiday calendar in contributions): its list, a proposal, a decision. */
export const ProposalParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
export const ProposalListQuery = Type.Object({
  status: Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('rejected'), Type.Literal('all')], { default: 'pending' }),
  limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
}, { additionalProperties: false });
export const ApproveBody = Type.Object({ note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))) }, { additionalProperties: false });
export const RejectBody = Type.Object({ note: Type.String({ minLength: 1, maxLength: 500 }) }, { additionalProperties: false });
const actorOf = (request: FastifyRequest) => {
  const user = requireUser(request);
  return { userId: user.id, role: user.role };
};

export async function rulesRoutes(app: App) {
  app.post('/api/v1/quotes/contribution', {
    config: { access: 'public' },
    schema: {
      tags: ['contributions'],
      summary: 'Hitung iuran sesuai aturan yang berlaku / compute a contribution from the rules in force',
      description: 'rate adalah persen desimal tepat ("0.445") atau null untuk jumlah tetap; total = pemberi kerja + pekerja + peserta; baris pemerintah hanya ditampilkan. / rate is an exact decimal percentage or null for a flat amount; total = employer + worker + participant; government lines are shown, never added.',
      body: Type.Object({
        segment: Type.Union([Type.Literal('PU'), Type.Literal('BPU'), Type.Literal('JAKON'), Type.Literal('PMI')]),
        period: Type.String({ description: 'YYYY-MM', maxLength: 7 }),
        wage: Type.Optional(Amount),
        riskClass: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
        laborIntensiveDiscount: Type.Optional(Type.Boolean()),
        declaredIncome: Type.Optional(Amount),
        includeJht: Type.Optional(Type.Boolean()),
        contractValue: Type.Optional(Amount),
        contractMonths: Type.Optional(Type.Integer({ minimum: 1, maximum: 120 })),
      }, { additionalProperties: false }),
      response: responses({ 200: Type.Object({
        lines: Type.Array(Type.Object({
          program: Type.String(), payer: Type.String(), phase: Type.Optional(Type.String()), base: Type.Union([Type.Integer(), Type.Null()]),
          rate: Type.Union([Type.String(), Type.Null()]), amount: Type.Integer(), ruleId: Type.Integer(), productDefault: Type.Boolean(),
        })),
        totals: Type.Object({ employer: Type.Integer(), worker: Type.Integer(), participant: Type.Integer(), total: Type.Integer() }),
      }) }),
    },
  }, async (request) => {
    const input = request.body;
    const errors = quoteInputErrors(input);
    if (errors.length) throw new AppError(422, 'validation_failed', {}, errors);
    try {
      return computeQuote(await parametersAt(app.db, keysFor(input), `${input.period}-01`, optionalKeysFor(input)), input);
    } catch (err) {
      if (err instanceof MissingRuleError) {
        throw new AppError(422, 'validation_failed', {}, [{ field: 'period', rule: 'no_rule_in_force' }]);
      }
      throw err;
    }
  });

  app.get('/api/v1/rules', {
    config: { access: { roles: RULES_READ } },
    schema: {
      tags: ['rules'],
      summary: 'Parameter aturan yang berlaku pada suatu tanggal, per program / rule parameters in force on a date, by programme',
      description: 'Dikelompokkan menurut awalan kunci (pu, bpu, jakon, pmi, lalu lainnya); tanpa date: hari ini (WIB). nextFrom: awal versi berikutnya yang sudah tercatat. / Grouped by key prefix; without date: today (WIB). nextFrom: start of the next recorded version.',
      querystring: Type.Object({ date: Type.Optional(IsoDate) }, { additionalProperties: false }),
      response: responses({ 200: Type.Object({
        date: Type.String(),
        groups: Type.Array(Type.Object({ prefix: Type.String(), parameters: Type.Array(Type.Intersect([Parameter, Type.Object({ nextFrom: Nullable(Type.String()) })])) })),
      }) }),
    },
  }, async (request) => {
    const date = request.query.date ?? wibDate();
    return { date, groups: await parametersInForce(app.db, date) };
  });

  app.get('/api/v1/rules/:key/history', {
    config: { access: { roles: RULES_READ } },
    schema: {
      tags: ['rules'], summary: 'Semua versi satu parameter, terbaru dahulu / every version of one parameter, latest first',
      params: Type.Object({ key: Type.String({ pattern: '^[a-z0-9_.]+$', maxLength: 100 }) }),
      response: responses({ 200: Type.Object({ key: Type.String(), versions: Type.Array(Parameter) }) }),
    },
  }, async (request) => ({ key: request.params.key, versions: await parameterHistory(app.db, request.params.key) }));

  app.get('/api/v1/rules/proposals', {
    config: { access: { roles: PROPOSALS_READ } },
    schema: {
      tags: ['rules'], summary: 'Usulan perubahan aturan / rule change proposals',
      querystring: ProposalListQuery,
      response: responses({ 200: Type.Object({ items: Type.Array(Proposal) }) }),
    },
  }, async (request) => {
    const { status, limit } = request.query;
    return { items: await listProposals(app.db, { status: status === 'all' ? undefined : status, limit }) };
  });

  app.post('/api/v1/rules/proposals', {
    config: { access: { roles: RULES_WRITE } },
    schema: {
      tags: ['rules'],
      summary: 'Usulkan versi baru sebuah parameter (berlaku setelah disetujui admin lain) / propose a new version of a parameter (in force once another admin approves)',
      description: 'value adalah angka desimal tepat sebagai teks ("11078200", "0.24"). Untuk kunci yang ada, satuan harus sama dan validFrom harus sesudah awal versi terakhir. / value is an exact decimal as text. For an existing key the unit must match and validFrom must be after the latest version\'s start.',
      body: Type.Object({
        key: Type.String({ minLength: 1, maxLength: 100 }),
        validFrom: Type.String({ maxLength: 10, description: 'YYYY-MM-DD' }),
        value: Type.String({ maxLength: 40 }),
        unit: Type.String({ maxLength: 20, description: UNITS.join(', ') }),
        legalBasis: Type.String({ maxLength: 500 }),
        productDefault: Type.Optional(Type.Boolean()),
        note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
      }, { additionalProperties: false }),
      response: responses({ 201: Proposal }),
    },
  }, async (request, reply) => reply.status(201).send(await proposeVersion(app.db, request.body, actorOf(request), request.id)));

  app.post('/api/v1/rules/proposals/:id/approve', {
    config: { access: { roles: RULES_WRITE } },
    schema: {
      tags: ['rules'],
      summary: 'Setujui usulan (bukan oleh pengusulnya): versi baru dicatat, versi terakhir diakhiri sehari sebelumnya / approve a proposal (not by its proposer): the new version is recorded, the latest one ends the day before',
      params: ProposalParams,
      body: ApproveBody,
      response: responses({ 200: Type.Object({ proposal: Proposal, parameter: Parameter }) }),
    },
  }, async (request) => approveProposal(app.db, request.params.id, actorOf(request), request.body.note, request.id));

  app.post('/api/v1/rules/proposals/:id/reject', {
    config: { access: { roles: RULES_WRITE } },
    schema: {
      tags: ['rules'], summary: 'Tolak usulan dengan alasan (bukan oleh pengusulnya) / reject a proposal with a reason (not by its proposer)',
      params: ProposalParams,
      body: RejectBody,
      response: responses({ 200: Proposal }),
    },
  }, async (request) => rejectProposal(app.db, request.params.id, actorOf(request), request.body.note, request.id));
}
