/** The request shapes the GN Lingkaran routes share. */
import { Type } from '@sinclair/typebox';

export const CodeParams = Type.Object({ code: Type.String({ minLength: 1, maxLength: 60 }) });
export const ReceiptParams = Type.Object({ receipt: Type.String({ pattern: '^[Ll][Kk]-[0-9A-Za-z]{8}$', description: 'kode tanda terima / receipt code, LK-XXXXXXXX' }) });
export const month = (description = 'YYYY-MM') => Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description });
