/**
 * GN Lingkaran's documents over HTTP: a paid donation's receipt (public: the receipt code finds it) and
 * a campaign's impact report as PDF or XLSX for staff and for the donors that own or fund it (the general
 * pool's too, for a donor whose money a closed campaign moved there).
 */
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { requireUser } from '../../platform/http/access.ts';
import { responses, type App } from '../../platform/http/server.ts';
import { CodeParams, month, ReceiptParams } from './schemas.ts';
import { donationReceipt, donationReceiptPdf, impactReport, impactReportPdf, impactReportXlsx } from './documents.ts';

const ReportQuery = Type.Object({
  from: Type.Optional(month('bulan perlindungan pertama, YYYY-MM (bawaan: bulan pertama yang didanai) / first month of protection (default: the first funded month)')),
  to: Type.Optional(month('bulan perlindungan terakhir, YYYY-MM (bawaan: bulan terakhir yang didanai) / last month of protection (default: the last funded month)')),
  lang: Type.Optional(Type.Union([Type.Literal('id'), Type.Literal('en')], { description: 'bahasa berkas / the file\'s language (default: Accept-Language)' })),
}, { additionalProperties: false });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const file = (type: string, description: string) => responses({ 200: { description, content: { [type]: { schema: Type.String({ contentMediaType: type }) } } } });
const REPORT_READERS = ['donor', 'officer', 'supervisor', 'admin', 'auditor'] as const;

const baseUrlOf = (request: FastifyRequest) => request.server.config.publicUrl ?? `${request.protocol}://${request.host}`;
const safeName = (s: string) => s.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');

export async function lingkaranDocumentRoutes(app: App) {
  app.get('/api/v1/lingkaran/donations/:receipt/receipt.pdf', {
    // the receipt code is printed in the public list, so the receipt shows nothing the list does not,
    // except an anonymous donor's own name to that donor signed in (or to staff)
    config: { access: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
    schema: {
      tags: ['lingkaran'], summary: 'Tanda terima donasi yang sudah dibayar (PDF) / the receipt of a paid donation (PDF)',
      description: 'Donasi yang belum dibayar: 409. Nama donatur anonim hanya dicetak untuk donatur itu sendiri (masuk) atau petugas. / A donation not yet paid: 409. An anonymous donor\'s name is printed only for that donor (signed in) or staff.',
      params: ReceiptParams,
      response: file('application/pdf', 'PDF, A5'),
    },
  }, async (request, reply) => {
    const receipt = await donationReceipt(app.db, request.params.receipt, request.user, baseUrlOf(request));
    const pdf = await donationReceiptPdf(receipt);
    return reply.type('application/pdf').header('content-disposition', `attachment; filename="tanda-terima-${receipt.donation.receiptCode}.pdf"`)
      .header('cache-control', 'private, no-store').send(pdf);
  });

  for (const format of ['pdf', 'xlsx'] as const) {
    app.get(`/api/v1/lingkaran/campaigns/:code/report.${format}`, {
      config: { access: { roles: [...REPORT_READERS] } },
      schema: {
        tags: ['lingkaran'], summary: `Laporan dampak kampanye (${format.toUpperCase()}) / a campaign's impact report (${format.toUpperCase()})`,
        description: 'Dana kampanye, pekerja terlindungi dan bulan-pekerja per wilayah, pekerjaan dan bulan, pekerja (pseudonim) dan donasi. Donatur hanya untuk kampanye miliknya atau yang ia danai, dan untuk dana umum bila uangnya dipindahkan ke sana. '
          + '/ The campaign\'s money, workers protected and worker-months by region, occupation and month, the workers (pseudonymised) and the donations. A donor only for a campaign it owns or gave to, and for the general pool once its money was moved there.',
        params: CodeParams, querystring: ReportQuery,
        response: file(format === 'pdf' ? 'application/pdf' : XLSX, format === 'pdf' ? 'PDF, A4' : 'XLSX: Ringkasan, Per bulan, Per wilayah, Per pekerjaan, Pekerja (pseudonim), Donasi'),
      },
    }, async (request, reply) => {
      const query = request.query as { from?: string; to?: string; lang?: 'id' | 'en' };
      const lang = query.lang ?? request.lang;
      const report = await impactReport(app.db, (request.params as { code: string }).code, { from: query.from, to: query.to }, requireUser(request));
      const name = safeName(`laporan-dampak-${report.campaign.code}${report.period.from ? `-${report.period.from}-${report.period.to}` : ''}`);
      reply.header('content-disposition', `attachment; filename="${name}.${format}"`).header('cache-control', 'private, no-store');
      if (format === 'pdf') return reply.type('application/pdf').send(await impactReportPdf(report, lang));
      return reply.type(XLSX).send(await impactReportXlsx(report, lang));
    });
  }
}
