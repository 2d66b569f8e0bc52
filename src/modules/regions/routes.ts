import { Type } from '@sinclair/typebox';
import { AppError } from '../../platform/errors.ts';
import { responses, type App } from '../../platform/http/server.ts';
import { getRegionWithAncestors, listChildren, searchRegions } from './service.ts';

export const REGION_CODE = '^\\d{2}(\\.\\d{2}(\\.\\d{2}(\\.\\d{4})?)?)?$';

const Region = Type.Object({
  code: Type.String({ examples: ['82.71'] }),
  parentCode: Type.Union([Type.String(), Type.Null()]),
  level: Type.Integer({ minimum: 1, maximum: 4, description: '1 provinsi, 2 kabupaten/kota, 3 kecamatan, 4 desa/kelurahan' }),
  kind: Type.String(),
  name: Type.String(),
});

export async function regionRoutes(app: App) {
  app.get('/api/v1/regions', {
    config: { access: 'public' },
    schema: {
      tags: ['regions'],
      summary: 'Daftar wilayah di bawah satu wilayah (provinsi bila tanpa parent) / children of an area',
      querystring: Type.Object({ parent: Type.Optional(Type.String({ pattern: REGION_CODE })) }, { additionalProperties: false }),
      response: responses({ 200: Type.Object({ items: Type.Array(Region) }) }),
    },
  }, async (request) => {
    const parent = request.query.parent ?? null;
    const items = await listChildren(app.db, parent);
    if (parent && items.length === 0 && !(await getRegionWithAncestors(app.db, parent))) throw new AppError(404, 'not_found');
    return { items };
  });

  app.get('/api/v1/regions/search', {
    config: { access: 'public' },
    schema: {
      tags: ['regions'],
      summary: 'Cari wilayah menurut nama / search areas by name',
      querystring: Type.Object({
        q: Type.String({ minLength: 2, maxLength: 100 }),
        level: Type.Optional(Type.Integer({ minimum: 1, maximum: 4 })),
        within: Type.Optional(Type.String({ pattern: REGION_CODE })),
        limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
      }, { additionalProperties: false }),
      response: responses({ 200: Type.Object({ items: Type.Array(Type.Intersect([Region, Type.Object({ path: Type.String() })])) }) }),
    },
  }, async (request) => {
    const { q, level, within, limit } = request.query;
    return { items: await searchRegions(app.db, q, { level, within, limit }) };
  });

  app.get('/api/v1/regions/:code', {
    config: { access: 'public' },
    schema: {
      tags: ['regions'],
      summary: 'Satu wilayah beserta induknya / an area with its ancestors',
      params: Type.Object({ code: Type.String({ pattern: REGION_CODE }) }),
      response: responses({ 200: Type.Object({ region: Region, ancestors: Type.Array(Region) }) }),
    },
  }, async (request) => {
    const found = await getRegionWithAncestors(app.db, request.params.code);
    if (!found) throw new AppError(404, 'not_found');
    return found;
  });
}
