/**
 * Request signatures and response codes of Bank Indonesia's SNAP (Standar Nasional Open API
 * Pembayaran), for the virtual-account inquiry and payment calls a bank makes to us (pure: no
 * database, no HTTP). Sources: the SNAP Developer Site (apidevportal.aspi-indonesia.or.id: the
 * security page with "Standar Teknis Keamanan", the Virtual Account page and its response-code
 * table), read through stored copies, and the SNAP guides of DOKU, Faspay and BCA.
 *
 * - Access token (B2B), service 73, POST …/{version}/access-token/b2b: the caller signs
 *   stringToSign = X-CLIENT-KEY + "|" + X-TIMESTAMP with SHA256withRSA (RSASSA-PKCS1-v1_5, SHA-256)
 *   under its private key; we verify with its registered public key. Base64 in X-SIGNATURE.
 * - Transactions (here VA inquiry, service 24, and VA payment, service 25): X-SIGNATURE =
 *   Base64(HMAC_SHA512(clientSecret, stringToSign)), stringToSign = HTTPMethod + ":" + EndpointUrl +
 *   ":" + AccessToken + ":" + Lowercase(HexEncode(SHA-256(minify(RequestBody)))) + ":" + X-TIMESTAMP.
 *   EndpointUrl is the relative path "including all parameters in the URL" (so the query string is
 *   in; one gateway's guide says otherwise); with no body, minify gives the empty string.
 * - X-TIMESTAMP is "yyyy-MM-ddTHH:mm:ssTZD", e.g. 2020-12-17T10:55:00+07:00; it goes into the
 *   stringToSign exactly as received.
 * - responseCode = HTTP status (3) + service code (2) + case code (2), e.g. 2002400.
 */
import crypto from 'node:crypto';

/** SNAP service codes (SNAP Developer Site, "Informasi Umum" of each API). */
export const SNAP_SERVICE_VA_INQUIRY = '24';
export const SNAP_SERVICE_VA_PAYMENT = '25';
export const SNAP_SERVICE_ACCESS_TOKEN_B2B = '73';
/** QRIS MPM payment notification (best reading of the SNAP service-code table). */
export const SNAP_SERVICE_QR_NOTIFY = '52';

/** Default tolerated clock difference for X-TIMESTAMP. SNAP sets none; this is our choice. */
export const SNAP_TIMESTAMP_SKEW_SECONDS = 300;

const HTTP_METHOD = /^[A-Za-z]+$/;
/** Canonical padded Base64: what Buffer.from(…, 'base64') would otherwise read leniently. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * The request body as SNAP signs it: JSON with the whitespace between tokens removed (space, tab,
 * CR, LF), everything else kept byte for byte: key order, number spelling ("10000.00" stays), string
 * escapes. A body that is empty or only whitespace minifies to ''. Anything else must be JSON, or
 * this throws.
 *
 * Not JSON.stringify(JSON.parse(body)): that would turn 1.50 into 1.5, 12345678901234567890 into
 * 12345678901234567000, '\/' into '/', and move integer-like keys first, so the hash would differ
 * from what the sender hashed. Senders that re-serialise their body before hashing do so before
 * sending, so the bytes we receive are the bytes they hashed, give or take the whitespace.
 */
export function minifyJson(body: string): string {
  if (body.trim() === '') return '';
  try {
    JSON.parse(body);
  } catch {
    throw new Error('Isi permintaan bukan JSON yang sah / The request body is not valid JSON');
  }
  return body.replace(/("(?:[^"\\]|\\.)*")|[ \t\r\n]+/g, (_whole, quoted: string | undefined) => quoted ?? '');
}

/** Lowercase(HexEncode(SHA-256(minify(body)))). */
export function snapBodyHash(body: string): string {
  return crypto.createHash('sha256').update(minifyJson(body), 'utf8').digest('hex');
}

export interface SymmetricSignatureInput {
  /** HTTP method; upper-cased before signing. */
  method: string;
  /** Relative path with its query string, as in the request line: '/v1.0/transfer-va/inquiry'. */
  endpointUrl: string;
  /** The B2B access token, without the 'Bearer ' prefix. */
  accessToken: string;
  /** The raw request body as received ('' when there is none). */
  body: string;
  /** The X-TIMESTAMP header, verbatim. */
  timestamp: string;
}

/** HTTPMethod:EndpointUrl:AccessToken:lowercase-hex SHA-256 of the minified body:X-TIMESTAMP. Throws on bad input. */
export function symmetricStringToSign(input: SymmetricSignatureInput): string {
  const { method, endpointUrl, accessToken, body, timestamp } = input;
  if (typeof method !== 'string' || !HTTP_METHOD.test(method)) {
    throw new Error('Metode HTTP tidak valid / Invalid HTTP method');
  }
  if (typeof endpointUrl !== 'string' || !endpointUrl.startsWith('/')) {
    throw new Error("Endpoint harus path relatif yang diawali '/' / The endpoint must be a relative path starting with '/'");
  }
  if (typeof accessToken !== 'string' || accessToken === '') {
    throw new Error('Access token kosong / The access token is empty');
  }
  if (typeof timestamp !== 'string' || timestamp === '') {
    throw new Error('X-TIMESTAMP kosong / X-TIMESTAMP is empty');
  }
  if (typeof body !== 'string') throw new Error('Isi permintaan harus teks / The request body must be text');
  return `${method.toUpperCase()}:${endpointUrl}:${accessToken}:${snapBodyHash(body)}:${timestamp}`;
}

function hmacSha512(clientSecret: string, input: SymmetricSignatureInput): Buffer {
  return crypto.createHmac('sha512', clientSecret).update(symmetricStringToSign(input), 'utf8').digest();
}

/** X-SIGNATURE for a transaction request: Base64(HMAC-SHA512(clientSecret, stringToSign)). Throws on bad input. */
export function signSymmetric(clientSecret: string, input: SymmetricSignatureInput): string {
  if (typeof clientSecret !== 'string' || clientSecret === '') {
    throw new Error('Client secret kosong / The client secret is empty');
  }
  return hmacSha512(clientSecret, input).toString('base64');
}

/**
 * Whether X-SIGNATURE is right for this request, compared in constant time. Never throws: a missing,
 * malformed or wrong-length signature, an empty secret, or a body that is not JSON all give false.
 */
export function verifySymmetric(clientSecret: string, input: SymmetricSignatureInput, signatureBase64: string | undefined): boolean {
  try {
    if (typeof clientSecret !== 'string' || clientSecret === '') return false;
    if (typeof signatureBase64 !== 'string' || signatureBase64 === '' || !BASE64.test(signatureBase64)) return false;
    const given = Buffer.from(signatureBase64, 'base64');
    const expected = hmacSha512(clientSecret, input);
    if (given.length !== expected.length) return false;
    return crypto.timingSafeEqual(given, expected);
  } catch {
    return false;
  }
}

/** X-CLIENT-KEY + "|" + X-TIMESTAMP. */
export function asymmetricStringToSign(clientKey: string, timestamp: string): string {
  return `${clientKey}|${timestamp}`;
}

/** X-SIGNATURE for an access-token request: Base64(SHA256withRSA(privateKey, clientKey|timestamp)). */
export function signAsymmetric(privateKeyPem: string | crypto.KeyObject, clientKey: string, timestamp: string): string {
  if (!clientKey || !timestamp) throw new Error('X-CLIENT-KEY atau X-TIMESTAMP kosong / X-CLIENT-KEY or X-TIMESTAMP is empty');
  const data = Buffer.from(asymmetricStringToSign(clientKey, timestamp), 'utf8');
  return crypto.sign('sha256', data, privateKeyPem).toString('base64');
}

/**
 * A partner's public key: a PEM (SPKI 'PUBLIC KEY' or PKCS#1 'RSA PUBLIC KEY'), or the bare Base64
 * of an SPKI DER, which some partners send instead. Throws on anything else: that is a configuration
 * error, not a bad request.
 */
export function snapPublicKey(key: string | crypto.KeyObject): crypto.KeyObject {
  let publicKey: crypto.KeyObject;
  try {
    if (typeof key !== 'string') publicKey = key;
    else if (key.includes('-----BEGIN')) publicKey = crypto.createPublicKey(key);
    else publicKey = crypto.createPublicKey({ key: Buffer.from(key.replace(/\s+/g, ''), 'base64'), format: 'der', type: 'spki' });
  } catch {
    throw new Error('Kunci publik mitra tidak terbaca / The partner public key cannot be read');
  }
  if (publicKey.type !== 'public' || publicKey.asymmetricKeyType !== 'rsa') {
    throw new Error('Kunci mitra harus kunci publik RSA / The partner key must be an RSA public key');
  }
  return publicKey;
}

/**
 * Whether an access-token request's X-SIGNATURE was made by the holder of this public key. A missing,
 * malformed or wrong signature gives false; an unreadable public key throws (see snapPublicKey).
 */
export function verifyAsymmetric(
  publicKeyPem: string | crypto.KeyObject,
  clientKey: string,
  timestamp: string,
  signatureBase64: string | undefined,
): boolean {
  const publicKey = snapPublicKey(publicKeyPem);
  try {
    if (typeof clientKey !== 'string' || clientKey === '' || typeof timestamp !== 'string' || timestamp === '') return false;
    if (typeof signatureBase64 !== 'string' || signatureBase64 === '' || !BASE64.test(signatureBase64)) return false;
    const data = Buffer.from(asymmetricStringToSign(clientKey, timestamp), 'utf8');
    return crypto.verify('sha256', data, publicKey, Buffer.from(signatureBase64, 'base64'));
  } catch {
    return false;
  }
}

export type TimestampCheck = { ok: true; at: Date } | { ok: false; reason: 'missing' | 'malformed' | 'skew' };

/** yyyy-MM-ddTHH:mm:ss, optional fraction, then Z or ±HH:MM. */
const SNAP_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:Z|([+-])(\d{2}):(\d{2}))$/;

/**
 * Reads X-TIMESTAMP and checks it is within `skewSeconds` of `now` (inclusive). The offset must be
 * written: '2026-11-21T10:15:30+07:00' (SNAP's form) or '…Z'; a bare '2026-11-21T10:15:30' is
 * malformed, since whose 10:15 it is would be a guess. Fractions of a second are accepted.
 * Impossible dates (31 April, hour 24, offset beyond ±14:00) are malformed.
 */
export function checkTimestamp(header: string | undefined, now: Date, skewSeconds = SNAP_TIMESTAMP_SKEW_SECONDS): TimestampCheck {
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw new Error('now harus tanggal yang sah / now must be a valid Date');
  if (!Number.isFinite(skewSeconds) || skewSeconds < 0) throw new Error('skewSeconds harus ≥ 0 / skewSeconds must be ≥ 0');
  if (header === undefined || header === '') return { ok: false, reason: 'missing' };
  const parts = typeof header === 'string' ? SNAP_TIMESTAMP.exec(header) : null;
  if (!parts) return { ok: false, reason: 'malformed' };
  const [year, month, day, hour, minute, second] = parts.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const fraction = parts[7] ?? '';
  const sign = parts[8];
  const offsetHours = Number(parts[9] ?? 0);
  const offsetMinutes = Number(parts[10] ?? 0);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 59) {
    return { ok: false, reason: 'malformed' };
  }
  if (offsetMinutes > 59 || offsetHours * 60 + offsetMinutes > 14 * 60) return { ok: false, reason: 'malformed' };
  const milliseconds = Number(fraction.padEnd(3, '0').slice(0, 3));
  const offset = (sign === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000;
  const utc = new Date(Date.UTC(year, month - 1, day, hour, minute, second, milliseconds));
  utc.setUTCFullYear(year); // Date.UTC maps years 0–99 to 1900–1999
  const at = new Date(utc.getTime() - offset);
  if (Math.abs(at.getTime() - now.getTime()) > skewSeconds * 1000) return { ok: false, reason: 'skew' };
  return { ok: true, at };
}

/** HTTP status + service code + case code: (200, '24', '00') → '2002400'. Throws on malformed parts. */
export function snapResponseCode(httpStatus: number, serviceCode: string, caseCode: string): string {
  if (!Number.isInteger(httpStatus) || httpStatus < 100 || httpStatus > 599) {
    throw new Error(`Status HTTP tidak valid: ${httpStatus} / Invalid HTTP status: ${httpStatus}`);
  }
  if (!/^\d{2}$/.test(serviceCode)) throw new Error(`Kode layanan harus 2 angka: ${serviceCode} / Service code must be 2 digits: ${serviceCode}`);
  if (!/^\d{2}$/.test(caseCode)) throw new Error(`Kode kasus harus 2 angka: ${caseCode} / Case code must be 2 digits: ${caseCode}`);
  return `${httpStatus}${serviceCode}${caseCode}`;
}

export interface SnapCase {
  httpStatus: number;
  caseCode: string;
  /** responseMessage without detail. */
  message: string;
  /** responseMessage with detail: '%' is replaced by it ('Unauthorized. [%]' → 'Unauthorized. [Signature]'). */
  withDetail?: string;
}

/**
 * The cases the VA inquiry/payment and access-token endpoints need, from the SNAP response-code table
 * ("any" service code). Messages are SNAP's own, in English, for the bank's systems, not for people.
 * [reason] and {field name} are the table's placeholders; we keep the brackets, as BCA's expected
 * responses do ("Unauthorized. [Signature]", "Invalid Mandatory Field {…}").
 */
export const SNAP_CASES = {
  successful: { httpStatus: 200, caseCode: '00', message: 'Successful' },
  inProgress: { httpStatus: 202, caseCode: '00', message: 'Request In Progress' },
  badRequest: { httpStatus: 400, caseCode: '00', message: 'Bad Request' },
  invalidFieldFormat: { httpStatus: 400, caseCode: '01', message: 'Invalid Field Format', withDetail: 'Invalid Field Format {%}' },
  invalidMandatoryField: { httpStatus: 400, caseCode: '02', message: 'Invalid Mandatory Field', withDetail: 'Invalid Mandatory Field {%}' },
  /** General 401: bad signature ('Signature'), unknown client ('Unknown client'), bad timestamp. */
  unauthorized: { httpStatus: 401, caseCode: '00', message: 'Unauthorized', withDetail: 'Unauthorized. [%]' },
  /** Access token unknown or expired. */
  invalidTokenB2b: { httpStatus: 401, caseCode: '01', message: 'Invalid Token (B2B)' },
  tokenNotFoundB2b: { httpStatus: 401, caseCode: '03', message: 'Token Not Found (B2B)' },
  /** VA or bill blocked, suspended or not found, e.g. detail 'Not Found'. */
  billNotFound: { httpStatus: 404, caseCode: '12', message: 'Invalid Bill/Virtual Account', withDetail: 'Invalid Bill/Virtual Account [%]' },
  invalidAmount: { httpStatus: 404, caseCode: '13', message: 'Invalid Amount' },
  paidBill: { httpStatus: 404, caseCode: '14', message: 'Paid Bill' },
  /** Same X-EXTERNAL-ID and payment request id sent again: answer with the first outcome. */
  inconsistentRequest: { httpStatus: 404, caseCode: '18', message: 'Inconsistent Request' },
  billExpired: { httpStatus: 404, caseCode: '19', message: 'Invalid Bill/Virtual Account' },
  /** X-EXTERNAL-ID already used today. */
  conflict: { httpStatus: 409, caseCode: '00', message: 'Conflict' },
  duplicatePartnerReferenceNo: { httpStatus: 409, caseCode: '01', message: 'Duplicate partnerReferenceNo' },
  tooManyRequests: { httpStatus: 429, caseCode: '00', message: 'Too Many Requests' },
  generalError: { httpStatus: 500, caseCode: '00', message: 'General Error' },
  internalServerError: { httpStatus: 500, caseCode: '01', message: 'Internal Server Error' },
  timeout: { httpStatus: 504, caseCode: '00', message: 'Timeout' },
} as const satisfies Record<string, SnapCase>;

export type SnapCaseName = keyof typeof SNAP_CASES;

export interface SnapResponseStatus {
  httpStatus: number;
  responseCode: string;
  responseMessage: string;
}

/** The HTTP status, responseCode and responseMessage for one case of one service. */
export function snapResponse(name: SnapCaseName, serviceCode: string, detail?: string): SnapResponseStatus {
  const entry: SnapCase = SNAP_CASES[name];
  const responseMessage = detail && entry.withDetail ? entry.withDetail.replace('%', () => detail) : entry.message;
  return {
    httpStatus: entry.httpStatus,
    responseCode: snapResponseCode(entry.httpStatus, serviceCode, entry.caseCode),
    responseMessage,
  };
}
