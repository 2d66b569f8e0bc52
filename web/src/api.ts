/** Calls the Lindung API; a failure becomes an ApiProblem carrying the server's localized problem. */
import { currentLang } from './i18n.tsx';

export interface FieldProblem {
  field: string;
  rule: string;
  message: string;
}

export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail: string,
    readonly errors: FieldProblem[] = [],
  ) {
    super(title);
  }
}

export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: init.method ?? 'GET',
      credentials: 'same-origin',
      headers: {
        'accept-language': currentLang(),
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
    });
  } catch {
    throw new ApiProblem(0, 'network', '', '');
  }
  if (res.status === 204) return undefined as T;
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new ApiProblem(res.status, body.code ?? 'unknown', body.title ?? res.statusText, body.detail ?? '', body.errors ?? []);
  return body as T;
}
