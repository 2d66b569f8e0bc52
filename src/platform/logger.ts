/**
 * Structured JSON logs (pino). Every line passes through maskRecord, and free-text messages through
 * maskPersonalText, so a NIK, phone number, e-mail or password cannot reach a log even when a URL,
 * an error message or a careless call site carries one.
 */
import type { LoggerOptions } from 'pino';
import { maskPersonalText, maskRecord } from './privacy.ts';

export function loggerOptions(level: string, stream?: NodeJS.WritableStream): LoggerOptions & { stream?: NodeJS.WritableStream } {
  return {
    level,
    ...(stream ? { stream } : {}),
    formatters: {
      log: (obj) => maskRecord(obj) as Record<string, unknown>,
    },
    hooks: {
      logMethod(args, method) {
        const masked = args.map((a) => (typeof a === 'string' ? maskPersonalText(a) : a)) as Parameters<typeof method>;
        method.apply(this, masked);
      },
    },
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: maskPersonalText(req.url) }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      err: (err: Error & { code?: string; detail?: string }) => ({
        type: err.name,
        code: err.code,
        message: maskPersonalText(err.message ?? ''),
        ...(err.detail ? { detail: maskPersonalText(err.detail) } : {}),
        stack: maskPersonalText(err.stack ?? ''),
      }),
    },
  };
}
