// Builds the test template once before the test files run in parallel.
import { ensurePgliteTemplate, ensurePostgresTemplate } from '../test/support/template.ts';

if (process.env.DATABASE_URL) await ensurePostgresTemplate(process.env.DATABASE_URL);
else await ensurePgliteTemplate();
