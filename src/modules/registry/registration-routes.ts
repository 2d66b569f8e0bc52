import { Type } from '@sinclair/typebox';
import { fieldRuleText } from '../../platform/i18n.ts';
import { responses, type App } from '../../platform/http/server.ts';
import { bpuQuoteToday, registerBpu } from './bpu-registration.ts';
import { decodeNikWithRegions } from './people.ts';

const Line = Type.Object({
  program: Type.String(), payer: Type.String(), base: Type.Union([Type.Integer(), Type.Null()]), rate: Type.Union([Type.String(), Type.Null()]),
  amount: Type.Integer(), ruleIds: Type.Array(Type.Integer()), productDefault: Type.Boolean(),
});

export async function registrationRoutes(app: App) {
  app.get('/api/v1/nik/:nik', {
    config: { access: 'public' },
    schema: {
      tags: ['registry'], summary: 'Periksa bentuk NIK dan isinya / check whether a NIK is well formed and what it encodes',
      params: Type.Object({ nik: Type.String({ maxLength: 32 }) }),
      response: responses({ 200: Type.Object({
        valid: Type.Boolean(), birthDate: Type.Union([Type.String({ format: 'date' }), Type.Null()]), sex: Type.Union([Type.Literal('M'), Type.Literal('F'), Type.Null()]),
        provinceCode: Type.Union([Type.String(), Type.Null()]), regencyCode: Type.Union([Type.String(), Type.Null()]), districtCode: Type.Union([Type.String(), Type.Null()]),
        districtKnown: Type.Boolean(), errors: Type.Array(Type.Object({ rule: Type.String(), message: Type.String() })),
      }) }),
    },
  }, async (request) => {
    const decoded = await decodeNikWithRegions(app.db, request.params.nik);
    return { ...decoded, errors: decoded.errors.map((rule) => ({ rule, message: fieldRuleText(rule, request.lang) })) };
  });

  app.get('/api/v1/occupations', {
    config: { access: 'public' },
    schema: {
      tags: ['registry'], summary: 'Daftar pekerjaan / occupations',
      response: responses({ 200: Type.Object({ items: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), informal: Type.Boolean() })) }) }),
    },
  }, async (request) => {
    const rows = await app.db.selectFrom('occupations').selectAll().orderBy('sort').execute();
    return { items: rows.map((o) => ({ code: o.code, name: request.lang === 'id' ? o.name_id : o.name_en, informal: o.informal })) };
  });

  app.get('/api/v1/registrations/bpu/quote', {
    config: { access: 'public' },
    schema: {
      tags: ['registry'], summary: 'Iuran bulanan peserta BPU / monthly contribution of an informal worker',
      querystring: Type.Object({ declaredIncome: Type.Integer({ minimum: 0, maximum: 1_000_000_000_000 }), includeJht: Type.Boolean({ default: false }) }, { additionalProperties: false }),
      response: responses({ 200: Type.Object({ lines: Type.Array(Line), total: Type.Integer(), productDefault: Type.Boolean(), minimumIncome: Type.Integer() }) }),
    },
  }, async (request) => bpuQuoteToday(app.db, Math.max(request.query.declaredIncome, 0), request.query.includeJht));

  app.post('/api/v1/registrations/bpu', {
    config: { access: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
    schema: {
      tags: ['registry'], summary: 'Pendaftaran mandiri pekerja informal (BPU) / informal worker self-registration',
      body: Type.Object({
        nik: Type.String({ maxLength: 32 }),
        fullName: Type.String({ minLength: 2, maxLength: 120 }),
        birthDate: Type.String({ maxLength: 10 }),
        sex: Type.Union([Type.Literal('M'), Type.Literal('F')]),
        phone: Type.String({ maxLength: 20 }),
        villageCode: Type.String({ maxLength: 13 }),
        occupation: Type.String({ maxLength: 40 }),
        declaredIncome: Type.Integer({ minimum: 0, maximum: 1_000_000_000_000 }),
        programs: Type.Array(Type.Union([Type.Literal('JKK'), Type.Literal('JKM'), Type.Literal('JHT'), Type.Literal('JP'), Type.Literal('JKP')]), { minItems: 1, maxItems: 5, uniqueItems: true }),
        vulnerable: Type.Optional(Type.Boolean({ description: 'pekerja rentan yang ingin dibantu donatur GN Lingkaran / a vulnerable worker who asks for GN Lingkaran donors\' help' })),
        vulnerableReason: Type.Optional(Type.String({ maxLength: 300 })),
      }, { additionalProperties: false }),
      response: responses({ 201: Type.Object({
        participantId: Type.Integer(), kpj: Type.String(), status: Type.String(), monthlyContribution: Type.Integer(),
        contributionLines: Type.Array(Line), productDefault: Type.Boolean(),
      }) }),
    },
  }, async (request, reply) => {
    const user = request.user;
    const via = user?.role === 'agent' ? 'agent' : user && ['officer', 'supervisor'].includes(user.role) ? 'officer' : 'self';
    const r = await registerBpu(app.db, request.body, { actor: { userId: user?.id ?? null, role: user?.role ?? 'public' }, via, requestId: request.id });
    return reply.status(201).send({
      participantId: r.participantId, kpj: r.kpj, status: r.status, monthlyContribution: r.monthlyContribution.total,
      contributionLines: r.monthlyContribution.lines, productDefault: r.monthlyContribution.productDefault,
    });
  });
}
