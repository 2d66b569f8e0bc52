import { Type } from '@sinclair/typebox';
import { AppError } from '../../platform/errors.ts';
import { responses, type App } from '../../platform/http/server.ts';
import { REGION_CODE } from '../regions/routes.ts';
import { branchForRegion, getBranch, listBranches } from './branches.ts';

const Branch = Type.Object({
  id: Type.Integer(), code: Type.String(), name: Type.String(), provinceCode: Type.String(), provinceName: Type.String(),
  address: Type.String(), regencyCount: Type.Integer(),
});

export async function registryRoutes(app: App) {
  app.get('/api/v1/branches', {
    config: { access: 'public' },
    schema: { tags: ['branches'], summary: 'Kantor cabang / branch offices', response: responses({ 200: Type.Object({ items: Type.Array(Branch) }) }) },
  }, async () => ({ items: await listBranches(app.db) }));

  app.get('/api/v1/branches/:id', {
    config: { access: 'public' },
    schema: {
      tags: ['branches'], summary: 'Satu kantor cabang dan wilayah layanannya / a branch and the regencies it serves',
      params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
      response: responses({ 200: Type.Intersect([Branch, Type.Object({ regencies: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })) })]) }),
    },
  }, async (request) => {
    const branch = await getBranch(app.db, request.params.id);
    if (!branch) throw new AppError(404, 'not_found');
    return branch;
  });

  app.get('/api/v1/regions/:code/branch', {
    config: { access: 'public' },
    schema: {
      tags: ['branches'], summary: 'Kantor cabang yang melayani suatu wilayah / the branch serving an area',
      params: Type.Object({ code: Type.String({ pattern: REGION_CODE }) }),
      response: responses({ 200: Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String(), address: Type.String() }) }),
    },
  }, async (request) => {
    const branch = await branchForRegion(app.db, request.params.code);
    if (!branch) throw new AppError(404, 'not_found');
    return branch;
  });
}
