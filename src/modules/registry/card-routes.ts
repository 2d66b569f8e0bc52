import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.ts';
import { requireUser } from '../../platform/http/access.ts';
import { responses, type App } from '../../platform/http/server.ts';
import { getSecret } from '../../platform/secrets.ts';
import { CARD_SECRET, cardOf, cardPdf, personOfUser, statusText, verificationPage, verifyCard, verifyUrlOf, type Card } from './card.ts';

const NullableString = Type.Union([Type.String(), Type.Null()]);
const SegmentSchema = Type.Union([Type.Literal('PU'), Type.Literal('BPU'), Type.Literal('JAKON'), Type.Literal('PMI')]);
const ProgramSchema = Type.Union([Type.Literal('JKK'), Type.Literal('JKM'), Type.Literal('JHT'), Type.Literal('JP'), Type.Literal('JKP')]);
const StatusSchema = Type.Union([Type.Literal('pending'), Type.Literal('active'), Type.Literal('arrears'), Type.Literal('lapsed'), Type.Literal('ended')]);

const CardView = Type.Object({
  kpj: Type.String({ description: 'KPJ utama / primary KPJ number' }),
  fullName: Type.String(),
  birthDate: Type.String({ format: 'date' }),
  sex: Type.Union([Type.Literal('M'), Type.Literal('F')]),
  segments: Type.Array(SegmentSchema),
  programs: Type.Array(ProgramSchema),
  status: StatusSchema,
  statusText: Type.String({ description: 'Status dalam bahasa pemanggil / the status in the caller\'s language' }),
  registeredAt: Type.String({ format: 'date-time' }),
  participations: Type.Array(Type.Object({ segment: SegmentSchema, programs: Type.Array(ProgramSchema), status: StatusSchema, registeredAt: Type.String({ format: 'date-time' }) })),
  villageName: NullableString,
  regencyName: NullableString,
  provinceName: NullableString,
  occupation: Type.Union([Type.Object({ code: Type.String(), name: Type.String() }), Type.Null()]),
  verifyUrl: Type.String({ format: 'uri', description: 'Alamat dalam kode QR kartu / the address in the card\'s QR code' }),
});

/** Where this server is reached, as the caller reached it (so a card made locally checks locally). */
const baseUrlOf = (request: FastifyRequest) => request.server.config.publicUrl ?? `${request.protocol}://${request.host}`;

export async function cardRoutes(app: App) {
  async function myCard(request: FastifyRequest): Promise<{ card: Card; verifyUrl: string }> {
    const user = requireUser(request);
    const personId = await personOfUser(app.db, user.id);
    const card = personId === null ? null : await cardOf(app.db, personId);
    if (!card) throw new AppError(404, 'card_not_found');
    const secret = await getSecret(app.db, CARD_SECRET);
    return { card, verifyUrl: verifyUrlOf(baseUrlOf(request), secret, card.kpj) };
  }

  app.get('/api/v1/me/card', {
    config: { access: { roles: ['participant'] } },
    schema: {
      tags: ['registry'], summary: 'Kartu peserta digital saya / my digital participant card',
      response: responses({ 200: CardView }),
    },
  }, async (request, reply) => {
    const { card, verifyUrl } = await myCard(request);
    reply.header('cache-control', 'private, no-store');
    const { personId: _, occupation, ...rest } = card;
    return {
      ...rest,
      statusText: statusText[card.status][request.lang],
      occupation: occupation ? { code: occupation.code, name: occupation.name[request.lang] } : null,
      verifyUrl,
    };
  });

  app.get('/api/v1/me/card.pdf', {
    config: { access: { roles: ['participant'] } },
    schema: {
      tags: ['registry'], summary: 'Kartu peserta saya untuk dicetak (PDF) / my participant card to print (PDF)',
      querystring: Type.Object({
        lang: Type.Optional(Type.Union([Type.Literal('id'), Type.Literal('en')], { description: 'Bahasa kartu, bila bukan Accept-Language / the card\'s language, when not Accept-Language' })),
      }, { additionalProperties: false }),
      response: responses({ 200: {
        description: 'PDF, ukuran kartu ID-1 / PDF, ID-1 card size',
        content: { 'application/pdf': { schema: Type.String({ contentMediaType: 'application/pdf' }) } },
      } }),
    },
  }, async (request, reply) => {
    const { card, verifyUrl } = await myCard(request);
    // a download link cannot send Accept-Language, so the web app may name the language it shows
    const pdf = await cardPdf(card, verifyUrl, request.query.lang ?? request.lang);
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="kartu-lindung-${card.kpj}.pdf"`)
      .header('cache-control', 'private, no-store')
      .send(pdf);
  });

  // Outside /api: the QR code opens a plain page that any phone can show, without the web app.
  app.get('/v/:code', {
    config: { access: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
    schema: { hide: true, params: Type.Object({ code: Type.String() }) },
  }, async (request, reply) => {
    const secret = await getSecret(app.db, CARD_SECRET);
    const result = await verifyCard(app.db, secret, request.params.code);
    return reply
      .status(result.valid ? 200 : 404)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('referrer-policy', 'no-referrer')
      .header('x-robots-tag', 'noindex, nofollow')
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
      .send(verificationPage(result, new Date()));
  });
}
