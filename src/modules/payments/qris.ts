/**
 * QRIS dynamic payment codes (pure: no database, no HTTP). QRIS is Bank Indonesia's national QR
 * standard, a profile of EMVCo "QR Code Specification for Payment Systems — Merchant-Presented Mode"
 * (EMV QRCPS MPM v1.1, Nov 2020). A payload is a string of TLV data objects: a 2-digit tag, a 2-digit
 * length counted in characters, then the value; templates (26–51, 62, 64) hold TLV objects themselves.
 *
 * What the code below relies on, and where it comes from:
 * - Tag 63 is CRC-16/CCITT-FALSE (ISO/IEC 13239: poly 0x1021, init 0xFFFF, no reflection, no xorout),
 *   computed over the whole payload including the '6304' that introduces it, written as 4 hex digits.
 *   Checked against the EMVCo MPM Annex sample (…6304A13A, over UTF-8 bytes) and a QRIS sample
 *   published in Netzme's SNAP docs (…63047DAC); both are in qris.test.ts.
 * - QRIS clauses as quoted in astrapay/spring-qris (Indonesian text of the QRIS spec): merchant name
 *   (59) up to 25, city (60) up to 15, postal code (61) up to 10 and mandatory when the country is ID
 *   (4.7.15); merchant PAN in 26–45 sub-tag 01 up to 19 digits (4.7.5.4); amount (54) up to 13
 *   characters, '1000', '1000.' and '1000.00' all valid for Rp1.000 (4.7.8.1); additional data (62)
 *   sub-tags 01 bill number and 07 terminal label up to 25 each.
 * - Merchant criteria (sub-tag 03): UMI mikro, UKE kecil, UME menengah, UBE besar, URE reguler
 *   (purnama/spring-qris, "Tabel 4.6"; URE is the default an issuer fills in when 03 is absent).
 *
 * Uncertain, so made an input or noted here:
 * - In real QRIS stickers template 26 carries the ACQUIRER's reverse domain (e.g. COM.GO-JEK.WWW,
 *   ID.CO.BRI.WWW) and the acquirer's own merchant id in 02, while template 51 carries
 *   ID.CO.QRIS.WWW with the NMID. The defaults here ('ID.CO.QRIS.WWW' and the NMID in both) follow
 *   our brief; set acquirerGuid and acquirerMerchantId to what the acquiring bank assigns.
 * - Template 51 also carries sub-tag 03 (criteria) in every published sample we found, so we add it.
 * - NMID format 'ID' + 13 digits is inferred from samples (ID1020021181745, ID2019000001627), not a spec.
 * - Amounts are written as whole rupiah without decimals; some wallets' generators write '10000.00'.
 *   Both are valid per 4.7.8.1. A per-transaction QRIS ceiling exists (Rp10 juta in 2023 news) but
 *   is policy, not format, so it is not enforced here.
 */
import QRCode from 'qrcode';

export const QRIS_GUID = 'ID.CO.QRIS.WWW';
export const QRIS_CURRENCY_IDR = '360';
export const QRIS_COUNTRY = 'ID';

export const MERCHANT_CRITERIA = ['UMI', 'UKE', 'UME', 'UBE', 'URE'] as const;
export type MerchantCriteria = (typeof MERCHANT_CRITERIA)[number];

/** Our payment codes are 15 digits; they go in tag 62 sub-tag 01 (bill number). */
export const BILL_NUMBER_PATTERN = /^\d{15}$/;

export type QrisErrorCode = 'invalid_field' | 'field_too_long' | 'bad_length' | 'bad_crc' | 'missing_tag' | 'bad_value';

/** A bad input or payload. The message is "Bahasa Indonesia / English" and names what is wrong. */
export class QrisError extends Error {
  override name = 'QrisError';
  constructor(
    readonly code: QrisErrorCode,
    message: string,
    /** The input field or the tag ('59', '62.01') concerned, when there is one. */
    readonly where?: string,
  ) {
    super(message);
  }
}

export interface QrisPayloadInput {
  merchantName: string;
  merchantCity: string;
  /** Indonesian postal code, 5 digits. QRIS 4.7.15 makes tag 61 mandatory for country ID. */
  postalCode?: string;
  /** Merchant PAN (tag 26 sub-tag 01), digits only, at most 19. */
  merchantPan: string;
  /** National Merchant ID, e.g. 'ID1020021181745' (tag 51 sub-tag 02). */
  nmid: string;
  /** ISO 18245 merchant category code, 4 digits ('6300' insurance). */
  mcc: string;
  /** Whole rupiah, a positive safe integer of at most 13 digits. */
  amount: number;
  /** Our 15-digit payment code (tag 62 sub-tag 01). */
  billNumber: string;
  /** Tag 62 sub-tag 07, at most 25 printable ASCII characters. */
  terminalLabel?: string;
  /** Tag 26/51 sub-tag 03; default 'UBE' (usaha besar). */
  merchantCriteria?: MerchantCriteria;
  /** Tag 26 sub-tag 00; default 'ID.CO.QRIS.WWW'. Real acquirers put their own reverse domain here. */
  acquirerGuid?: string;
  /** Tag 26 sub-tag 02; default the NMID. Real acquirers put their own merchant id here. */
  acquirerMerchantId?: string;
}

/** Input fields as users see them named: Bahasa Indonesia, English. */
const FIELD: Record<string, [string, string]> = {
  merchantName: ['Nama merchant', 'Merchant name'],
  merchantCity: ['Kota merchant', 'Merchant city'],
  postalCode: ['Kode pos', 'Postal code'],
  merchantPan: ['PAN merchant', 'Merchant PAN'],
  nmid: ['NMID', 'NMID'],
  mcc: ['Kode kategori merchant (MCC)', 'Merchant category code (MCC)'],
  amount: ['Jumlah pembayaran', 'Payment amount'],
  billNumber: ['Nomor tagihan', 'Bill number'],
  terminalLabel: ['Label terminal', 'Terminal label'],
  merchantCriteria: ['Kriteria merchant', 'Merchant criteria'],
  acquirerGuid: ['Domain acquirer (GUID)', 'Acquirer domain (GUID)'],
  acquirerMerchantId: ['ID merchant acquirer', 'Acquirer merchant ID'],
};

/** Tags as named in the EMVCo MPM specification: Bahasa Indonesia, English. */
const TAG: Record<string, [string, string]> = {
  '00': ['indikator format payload', 'payload format indicator'],
  '01': ['metode inisiasi', 'point of initiation method'],
  '52': ['kode kategori merchant', 'merchant category code'],
  '53': ['mata uang transaksi', 'transaction currency'],
  '54': ['jumlah transaksi', 'transaction amount'],
  '58': ['kode negara', 'country code'],
  '59': ['nama merchant', 'merchant name'],
  '60': ['kota merchant', 'merchant city'],
  '61': ['kode pos', 'postal code'],
  '62': ['data tambahan', 'additional data'],
  '63': ['CRC', 'CRC'],
  '64': ['info merchant dalam bahasa lain', 'merchant information language template'],
};
const tagName = (tag: string): [string, string] => TAG[tag] ?? [`tag ${tag}`, `tag ${tag}`];

function invalidField(field: string, idDetail: string, enDetail: string): QrisError {
  const [id, en] = FIELD[field] ?? [field, field];
  return new QrisError('invalid_field', `${id} tidak valid: ${idDetail} / ${en} is invalid: ${enDetail}`, field);
}

function tooLong(field: string, max: number, length: number): QrisError {
  const [id, en] = FIELD[field] ?? [field, field];
  return new QrisError(
    'field_too_long',
    `${id} terlalu panjang: ${length} karakter, paling banyak ${max} / ${en} is too long: ${length} characters, at most ${max}`,
    field,
  );
}

function required(field: string): QrisError {
  const [id, en] = FIELD[field] ?? [field, field];
  return new QrisError('invalid_field', `${id} wajib diisi / ${en} is required`, field);
}

/**
 * Name and city as QRIS stickers show them: accents folded (É → E), anything else outside printable
 * ASCII dropped, spaces collapsed, upper case.
 */
export function qrisText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7E]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toUpperCase();
}

/** One data object: tag, 2-digit length in characters, value. */
function tlv(tag: string, value: string): string {
  const length = [...value].length;
  if (length < 1 || length > 99) throw new Error(`TLV ${tag}: panjang ${length} di luar 1–99 / length ${length} outside 1–99`);
  return `${tag}${String(length).padStart(2, '0')}${value}`;
}

function checkedText(field: string, value: string | undefined, max: number, pattern: RegExp, idRule: string, enRule: string): string {
  if (value === undefined || value === '') throw required(field);
  if ([...value].length > max) throw tooLong(field, max, [...value].length);
  if (!pattern.test(value)) throw invalidField(field, idRule, enRule);
  return value;
}

/** Transaction amount (tag 54) in whole rupiah, e.g. 150000 → '150000'. */
export function qrisAmount(amount: number): string {
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount <= 0) {
    throw invalidField('amount', 'harus bilangan bulat rupiah lebih dari 0', 'must be a whole number of rupiah above 0');
  }
  const text = String(amount);
  if (text.length > 13) throw tooLong('amount', 13, text.length);
  return text;
}

/** The dynamic QRIS payload for one payment, CRC included. Throws QrisError on bad input. */
export function buildQrisPayload(input: QrisPayloadInput): string {
  const merchantName = qrisText(input.merchantName ?? '');
  if (!merchantName) throw required('merchantName');
  if (merchantName.length > 25) throw tooLong('merchantName', 25, merchantName.length);
  const merchantCity = qrisText(input.merchantCity ?? '');
  if (!merchantCity) throw required('merchantCity');
  if (merchantCity.length > 15) throw tooLong('merchantCity', 15, merchantCity.length);
  const postalCode =
    input.postalCode === undefined ? undefined : checkedText('postalCode', input.postalCode, 5, /^\d{5}$/, '5 angka', '5 digits');

  const merchantPan = checkedText('merchantPan', input.merchantPan, 19, /^\d+$/, 'hanya angka', 'digits only');
  const nmid = checkedText('nmid', input.nmid, 15, /^ID\d{13}$/, "'ID' diikuti 13 angka", "'ID' followed by 13 digits");
  const mcc = checkedText('mcc', input.mcc, 4, /^\d{4}$/, '4 angka (ISO 18245)', '4 digits (ISO 18245)');
  const amount = qrisAmount(input.amount);
  const billNumber = checkedText('billNumber', input.billNumber, 15, BILL_NUMBER_PATTERN, '15 angka', '15 digits');
  const terminalLabel =
    input.terminalLabel === undefined
      ? undefined
      : checkedText('terminalLabel', input.terminalLabel, 25, /^[\x20-\x7E]+$/, 'hanya huruf ASCII yang tercetak', 'printable ASCII only');
  const criteria = input.merchantCriteria ?? 'UBE';
  if (!MERCHANT_CRITERIA.includes(criteria)) {
    throw invalidField('merchantCriteria', `harus salah satu dari ${MERCHANT_CRITERIA.join(', ')}`, `must be one of ${MERCHANT_CRITERIA.join(', ')}`);
  }
  const acquirerGuid = checkedText(
    'acquirerGuid',
    input.acquirerGuid ?? QRIS_GUID,
    32,
    /^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/,
    'nama domain terbalik, mis. ID.CO.QRIS.WWW',
    'a reverse domain name, e.g. ID.CO.QRIS.WWW',
  );
  // Best guess: 15 like an NMID; the samples we saw use 9–15 characters.
  const acquirerMerchantId = checkedText('acquirerMerchantId', input.acquirerMerchantId ?? nmid, 15, /^[\x21-\x7E]+$/, 'tanpa spasi', 'no spaces');

  const accountTemplate = tlv('00', acquirerGuid) + tlv('01', merchantPan) + tlv('02', acquirerMerchantId) + tlv('03', criteria);
  const nationalTemplate = tlv('00', QRIS_GUID) + tlv('02', nmid) + tlv('03', criteria);
  const additionalData = tlv('01', billNumber) + (terminalLabel === undefined ? '' : tlv('07', terminalLabel));

  const body =
    tlv('00', '01') +
    tlv('01', '12') +
    tlv('26', accountTemplate) +
    tlv('51', nationalTemplate) +
    tlv('52', mcc) +
    tlv('53', QRIS_CURRENCY_IDR) +
    tlv('54', amount) +
    tlv('58', QRIS_COUNTRY) +
    tlv('59', merchantName) +
    tlv('60', merchantCity) +
    (postalCode === undefined ? '' : tlv('61', postalCode)) +
    tlv('62', additionalData) +
    '6304';
  return body + crc16ccitt(body);
}

/**
 * CRC-16/CCITT-FALSE of the UTF-8 bytes of `text`, as 4 upper-case hex digits. ('123456789' → '29B1'.)
 * UTF-8, not UTF-16 code units: the EMVCo sample with Chinese text only checks out over UTF-8 bytes.
 */
export function crc16ccitt(text: string): string {
  let crc = 0xffff;
  for (const byte of Buffer.from(text, 'utf8')) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
}

export interface ParsedQris {
  payloadFormat: string;
  /** Tag 01: '11' static, '12' dynamic; undefined when absent. */
  pointOfInitiation?: 'static' | 'dynamic';
  /** Templates 26–51 by tag, each as its sub-tags. */
  merchantAccounts: Record<string, Record<string, string>>;
  /** Sub-tag 01 of the first of templates 26–45 that has one. */
  merchantPan?: string;
  /** Template 51 sub-tag 02. */
  nmid?: string;
  /** Sub-tag 03 of template 51, else of the first of 26–45 that has one, when it is a QRIS criterion. */
  merchantCriteria?: MerchantCriteria;
  mcc: string;
  currency: string;
  /** Whole rupiah, when the currency is IDR (360) and tag 54 is present. */
  amount?: number;
  /** Tag 54 exactly as written. */
  amountText?: string;
  countryCode: string;
  merchantName: string;
  merchantCity: string;
  postalCode?: string;
  /** Template 62 by sub-tag ({} when absent). */
  additionalData: Record<string, string>;
  billNumber?: string;
  terminalLabel?: string;
  crc: string;
  /** Every top-level tag's raw value, templates unparsed. */
  tags: Record<string, string>;
}

/**
 * Reads a run of TLV objects, in order. `where` names the enclosing template in messages ('' at top
 * level). A Map, because a plain object would list integer-like keys ('26', '63') before '00'.
 */
function readTlv(text: string, where: string): Map<string, string> {
  const chars = [...text];
  const objects = new Map<string, string>();
  const inId = where ? ` di dalam tag ${where}` : '';
  const inEn = where ? ` inside tag ${where}` : '';
  let at = 0;
  while (at < chars.length) {
    const tag = chars.slice(at, at + 2).join('');
    const lengthText = chars.slice(at + 2, at + 4).join('');
    if (!/^\d{2}$/.test(tag) || !/^\d{2}$/.test(lengthText)) {
      throw new QrisError(
        'bad_length',
        `Tag atau panjang tidak terbaca pada posisi ${at}${inId} / Unreadable tag or length at position ${at}${inEn}`,
        where || undefined,
      );
    }
    const length = Number(lengthText);
    const path = where ? `${where}.${tag}` : tag;
    const left = Math.max(chars.length - at - 4, 0);
    if (length === 0 || at + 4 + length > chars.length) {
      throw new QrisError(
        'bad_length',
        `Panjang tag ${path} tidak valid: ${length}, sisa ${left} karakter / Bad length for tag ${path}: ${length}, ${left} characters left`,
        path,
      );
    }
    if (objects.has(tag)) throw new QrisError('bad_value', `Tag ${path} muncul dua kali / Tag ${path} appears twice`, path);
    objects.set(tag, chars.slice(at + 4, at + 4 + length).join(''));
    at += 4 + length;
  }
  return objects;
}

function missingTag(tag: string): QrisError {
  const [id, en] = tagName(tag);
  return new QrisError('missing_tag', `Tag ${tag} (${id}) tidak ada / Tag ${tag} (${en}) is missing`, tag);
}

function badValue(tag: string, value: string, idRule: string, enRule: string): QrisError {
  const [id, en] = tagName(tag);
  return new QrisError('bad_value', `Tag ${tag} (${id}) bernilai '${value}', ${idRule} / Tag ${tag} (${en}) is '${value}', ${enRule}`, tag);
}

/**
 * Reads an EMV MPM / QRIS payload: checks the CRC first (so a damaged or altered code is reported as
 * such), then the TLV structure, the mandatory tags, and the templates 26–51, 62 and 64. Currency and
 * country are returned, not enforced, so any EMV MPM payload can be read.
 * Throws QrisError with a bilingual message on anything wrong.
 */
export function parseQrisPayload(payload: string): ParsedQris {
  if (typeof payload !== 'string' || payload.length === 0) {
    throw new QrisError('bad_length', 'Payload QRIS kosong / The QRIS payload is empty');
  }
  const crcMatch = /6304([0-9A-Fa-f]{4})$/.exec(payload);
  if (!crcMatch) throw missingTag('63');
  const given = crcMatch[1]!.toUpperCase();
  const computed = crc16ccitt(payload.slice(0, -4));
  if (given !== computed) {
    throw new QrisError(
      'bad_crc',
      `CRC tidak cocok: tertulis ${given}, seharusnya ${computed}; kode rusak atau diubah / ` +
        `CRC mismatch: payload says ${given}, computed ${computed}; the code is damaged or altered`,
      '63',
    );
  }

  const objects = readTlv(payload, '');
  const order = [...objects.keys()];
  // The '6304' we checked must be the CRC object itself, last; not the tail of another value.
  if (order[order.length - 1] !== '63') throw missingTag('63');
  if (order[0] !== '00') {
    if (!objects.has('00')) throw missingTag('00');
    throw badValue('00', objects.get('00')!, 'harus data pertama', 'must be the first data object');
  }
  const tags = Object.fromEntries(objects);
  if (tags['00'] !== '01') throw badValue('00', tags['00']!, "seharusnya '01'", "should be '01'");
  for (const tag of ['52', '53', '58', '59', '60']) if (!(tag in tags)) throw missingTag(tag);
  if (!order.some((tag) => tag >= '02' && tag <= '51')) {
    throw new QrisError(
      'missing_tag',
      'Tidak ada informasi akun merchant (tag 02–51) / No merchant account information (tags 02–51)',
      '26',
    );
  }

  let pointOfInitiation: ParsedQris['pointOfInitiation'];
  if ('01' in tags) {
    if (tags['01'] === '11') pointOfInitiation = 'static';
    else if (tags['01'] === '12') pointOfInitiation = 'dynamic';
    else throw badValue('01', tags['01']!, "seharusnya '11' atau '12'", "should be '11' or '12'");
  }

  const merchantAccounts: Record<string, Record<string, string>> = {};
  for (const tag of order) if (tag >= '26' && tag <= '51') merchantAccounts[tag] = Object.fromEntries(readTlv(tags[tag]!, tag));
  const additionalData = '62' in tags ? Object.fromEntries(readTlv(tags['62']!, '62')) : {};
  if ('64' in tags) readTlv(tags['64']!, '64');

  const mcc = tags['52']!;
  if (!/^\d{4}$/.test(mcc)) throw badValue('52', mcc, 'seharusnya 4 angka', 'should be 4 digits');
  const currency = tags['53']!;
  if (!/^\d{3}$/.test(currency)) throw badValue('53', currency, 'seharusnya 3 angka (ISO 4217)', 'should be 3 digits (ISO 4217)');

  let amount: number | undefined;
  const amountText = tags['54'];
  if (amountText !== undefined) {
    const parts = /^(\d+)(?:\.(\d*))?$/.exec(amountText);
    const isZero = parts !== null && /^0+$/.test(parts[1]!) && /^0*$/.test(parts[2] ?? '');
    if (parts === null || isZero) {
      throw badValue('54', amountText, 'seharusnya angka lebih dari 0, titik sebagai desimal', "should be a number above 0, '.' as decimal mark");
    }
    if (currency === QRIS_CURRENCY_IDR) {
      // ISO 4217 gives IDR 2 decimals, so '1.000' (Indonesian thousands notation) is refused, not read as Rp1.
      if ((parts[2] ?? '').length > 2) {
        throw badValue('54', amountText, 'paling banyak 2 angka desimal', 'at most 2 decimal digits');
      }
      if (!/^0*$/.test(parts[2] ?? '')) throw badValue('54', amountText, 'rupiah harus bulat', 'rupiah must be whole');
      amount = Number(parts[1]);
      if (!Number.isSafeInteger(amount)) throw badValue('54', amountText, 'terlalu besar', 'is too large');
    }
  }

  // Templates 26–45 are the acquirers' (domestic), 51 the national repository's (NMID).
  const domestic = Object.entries(merchantAccounts).filter(([tag]) => tag <= '45').map(([, template]) => template);
  const firstWith = (sub: string) => domestic.find((template) => sub in template)?.[sub];
  const national = merchantAccounts['51'];
  const criteria = national?.['03'] ?? firstWith('03');

  return {
    payloadFormat: tags['00']!,
    pointOfInitiation,
    merchantAccounts,
    merchantPan: firstWith('01'),
    nmid: national?.['02'],
    merchantCriteria: MERCHANT_CRITERIA.find((known) => known === criteria),
    mcc,
    currency,
    amount,
    amountText,
    countryCode: tags['58']!,
    merchantName: tags['59']!,
    merchantCity: tags['60']!,
    postalCode: tags['61'],
    additionalData,
    billNumber: additionalData['01'],
    terminalLabel: additionalData['07'],
    crc: given,
    tags,
  };
}

/** The payload as an SVG QR code, error correction level M, with the standard 4-module quiet zone. */
export async function qrisSvg(payload: string): Promise<string> {
  return QRCode.toString(payload, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
}
