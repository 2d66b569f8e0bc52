import { Type } from '@sinclair/typebox';
import { AppError } from '../../platform/errors.ts';
import { defineFieldRules } from '../../platform/i18n.ts';
import { responses, type App } from '../../platform/http/server.ts';
import { MissingRuleError, parametersAt } from './parameters.ts';
import { computeQuote, keysFor, optionalKeysFor, quoteInputErrors } from './quote.ts';

defineFieldRules({
  not_for_segment: { id: 'Tidak berlaku untuk segmen {segment}; hapus kolom ini.', en: 'Does not apply to segment {segment}; remove this field.' },
  wage_or_contract: { id: 'Isi upah atau nilai kontrak, salah satu saja.', en: 'Give either the wage or the contract value, not both.' },
  no_rule_in_force: { id: 'Belum ada aturan iuran yang berlaku untuk periode ini.', en: 'No contribution rule is in force for this period.' },
});

const Amount = Type.Integer({ minimum: 1, maximum: 1_000_000_000_000_000 });

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
}
