/**
 * Bank statements read and checked as a whole, without the database: an ISO 20022 camt.053 file
 * (versions 02 to 13) or a CSV file in Lindung's layout becomes a BankStatement of StatementLines for
 * the reconciliation. Nothing partial comes out: every problem in the file is collected and thrown
 * together as one StatementError, each naming the field and the rule, in Bahasa Indonesia first.
 *
 * Money is whole rupiah. Amounts are read from their decimal text (never through floating point); a
 * fraction that is not zero ("100.50") is a problem, a zero one ("100.00") is dropped.
 *
 * camt.053
 *  - The root is Document in namespace urn:iso:std:iso:20022:tech:xsd:camt.053.001.NN, NN 02–13, with
 *    or without a prefix. No DOCTYPE is accepted (a bank file never needs one).
 *  - One Stmt per file; a file with several is refused ('statement_count') and has to be split.
 *  - account: Acct/Id/IBAN, else Acct/Id/Othr/Id. date: the date part of Stmt/FrToDt/ToDtTm, else of
 *    Stmt/CreDtTm, else of GrpHdr/CreDtTm, as written (no time zone conversion: the bank's own day).
 *  - Balances: Bal with Tp/CdOrPrtry/Cd OPBD (PRCD, the previous closing, when there is no OPBD) and
 *    CLBD, negative when CdtDbtInd is DBIT. When both are there, opening + credits − debits of the
 *    booked lines must equal closing ('balance_mismatch').
 *  - Status: only booked entries become lines. camt.053.001.02 writes <Sts>BOOK</Sts> (a code);
 *    camt.053.001.08 writes <Sts><Cd>BOOK</Cd></Sts> (a choice of Cd or Prtry). Both forms are read in
 *    every version, because the version in between where the form changed was not confirmed here.
 *    PDNG, INFO and FUTR entries are skipped unchecked: they have not moved the booked balance. Any
 *    other status, or none, is a problem ('entry_status').
 *  - An entry with at most one TxDtls is one line: amount Ntry/Amt; bankRef Ntry/AcctSvcrRef, else
 *    TxDtls/Refs/AcctSvcrRef, else TxDtls/Refs/EndToEndId. An entry with several TxDtls (a batch
 *    booking, across all its NtryDtls) is one line per TxDtls: amount TxDtls/Amt (v03+), else
 *    TxDtls/AmtDtls/TxAmt/Amt (the only one in v02); direction TxDtls/CdtDbtInd, else the entry's;
 *    bankRef TxDtls/Refs/AcctSvcrRef, else "<entry AcctSvcrRef>/<n>" (n = 1-based TxDtls position in
 *    the entry), else TxDtls/Refs/EndToEndId. The batch lines must add up to the entry
 *    ('batch_sum_mismatch').
 *  - channelTxId: Refs/TxId, else Refs/EndToEndId. An EndToEndId of NOTPROVIDED counts as absent.
 *  - description: the Ustrd lines joined, else AddtlTxInf, else AddtlNtryInf; whitespace collapsed.
 *  - RvslInd (a reversal) changes nothing here: the entry's CdtDbtInd already tells its direction.
 *  - A problem's line is the line in the XML file where the <Ntry> (or the <TxDtls>, <Bal>) starts.
 *    Blank lines before the XML declaration (not XML, strictly) are tolerated and still counted.
 *
 * CSV (Lindung's layout, for banks that cannot send camt.053)
 *  - UTF-8, an optional BOM, a header row, then one row per booked entry. Blank rows are skipped.
 *  - Separator: ';' or ','; whichever occurs more often in the header row (',' on a tie). Fields that
 *    hold the separator are quoted with '"'.
 *  - Columns, in any order, names case-insensitive (spaces and '-' read as '_'), Indonesian or English:
 *      tanggal | date                      booking date                       required
 *      referensi | reference               the bank's unique reference        required
 *      kode_bayar | payment_code           the Lindung payment code           required column, may be empty
 *      jumlah | amount                     whole rupiah, positive             required
 *      arah | direction                    K, CR, C, kredit, credit / D, DB, DR, debit, debet   required
 *      keterangan | description            free text                          required column, may be empty
 *      id_transaksi | transaction_id       the channel's transaction id      optional
 *      tanggal_valuta | value_date         value date                         optional
 *      rekening | account                  the account (the same on every row) optional
 *      mata_uang | currency                must be IDR                        optional
 *    Other columns are ignored.
 *  - Dates: YYYY-MM-DD or DD/MM/YYYY (day first, always), optionally followed by a time, which is
 *    ignored.
 *  - Amounts (parseCsvAmount), after an optional "Rp"/"IDR" prefix, digits with '.' and ',' only:
 *      no separator                    1500000
 *      both '.' and ','                the LAST one is the decimal separator, the other groups
 *                                      thousands: 1.500.000,00 and 1,500,000.00 → 1500000
 *      one kind, more than once        thousands: 1.500.000 and 1,500,000 → 1500000
 *      one kind, once, followed by exactly 3 digits: AMBIGUOUS (1.500 is 1500 in Indonesian, 1.5 in
 *                                      English) and refused ('amount_ambiguous')
 *      one kind, once, otherwise       decimal separator: 1500,00 → 1500; 100.50 → fraction problem
 *    A sign, spaces inside, or misplaced group separators are refused ('amount_format').
 *  - statement date: opts.date, else the latest booking date in the file (parseStatement passes a
 *    YYYY-MM-DD found in the file name as opts.date). account: opts.account, else the rekening
 *    column, else ''. statementId: opts.statementId, else "CSV-" + the first 16 hex digits of the
 *    SHA-256 of the file text (the same file always gets the same id). Balances are null.
 *  - A problem's line is the line in the file (the header is line 1), as an editor shows it.
 *
 * Payment codes: '8', the segment digit 1–4, a 12-digit bill id and a Luhn check digit over the first 14
 * digits (contributions/billing-run.ts). Structured places are looked at first (camt
 * Strd/CdtrRefInf/Ref; the CSV kode_bayar column, where spaces, dots and dashes are ignored), then the
 * free text (Ustrd, EndToEndId, AddtlTxInf, AddtlNtryInf; the CSV keterangan). A 15-digit number with
 * a wrong check digit does not count. When one place names two different valid codes, nobody can
 * tell which bill was meant: paymentCode is null and the reconciliation treats the line as unknown.
 */
import crypto from 'node:crypto';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parse as parseCsv, CsvError } from 'csv-parse/sync';
import { luhnCheckDigit } from '../registry/check-digits.ts';

export interface StatementLine {
  /** 1-based position of the line in the statement (entry order; a batch entry gives several). */
  lineNo: number;
  bankRef: string;
  bookingDate: string;
  valueDate: string | null;
  /** Whole rupiah, > 0. */
  amount: number;
  direction: 'credit' | 'debit';
  paymentCode: string | null;
  channelTxId: string | null;
  description: string;
}

export interface BankStatement {
  format: 'camt.053' | 'csv';
  statementId: string;
  account: string;
  currency: 'IDR';
  date: string;
  openingBalance: number | null;
  closingBalance: number | null;
  lines: StatementLine[];
}

export interface StatementProblem {
  /** Line in the file (see the notes above); null for the file as a whole. */
  line: number | null;
  field: string;
  rule: string;
  message: { id: string; en: string };
}

export class StatementError extends Error {
  readonly problems: StatementProblem[];
  constructor(problems: StatementProblem[]) {
    const shown = problems.slice(0, 3).map((p) => p.message.en).join('; ');
    super(`The bank statement has ${problems.length} problem(s): ${shown}${problems.length > 3 ? '; …' : ''}`);
    this.name = 'StatementError';
    this.problems = problems;
  }
}

// ————————————————————————————————————————————— problems

/** Where a problem is: its line and the message prefix in both languages ('' for the whole file). */
interface Place {
  line: number | null;
  id: string;
  en: string;
}
const WHOLE_FILE: Place = { line: null, id: '', en: '' };

/** A value, or the rule it breaks with its message (without the place). */
export type Checked<T> = { ok: true; value: T } | { ok: false; rule: string; id: string; en: string };
const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
const bad = (rule: string, id: string, en: string): Checked<never> => ({ ok: false, rule, id, en });

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

class Problems {
  readonly list: StatementProblem[] = [];
  add(place: Place, field: string, rule: string, id: string, en: string) {
    this.list.push({
      line: place.line,
      field,
      rule,
      message: { id: place.id ? `${place.id}: ${id}` : capitalize(id), en: place.en ? `${place.en}: ${en}` : capitalize(en) },
    });
  }
  /** Adds the problem of a failed check; returns the value or undefined. */
  take<T>(place: Place, field: string, checked: Checked<T>): T | undefined {
    if (checked.ok) return checked.value;
    this.add(place, field, checked.rule, checked.id, checked.en);
    return undefined;
  }
  /** Throws every problem so far, the whole file's first, then by line (stable). */
  throwIfAny() {
    if (this.list.length) throw new StatementError([...this.list].sort((a, b) => (a.line ?? 0) - (b.line ?? 0)));
  }
}

// ————————————————————————————————————————————— amounts

/** Integer rupiah from the digits before and after the decimal separator; the fraction must be zero. */
function wholeRupiah(raw: string, intDigits: string, fraction: string, noun: Noun, allowZero: boolean): Checked<number> {
  if (/[1-9]/.test(fraction)) {
    return bad('amount_fraction', `${noun.id} Rp ${raw} memiliki pecahan; rupiah harus bulat`, `${noun.en} ${raw} has a fraction; rupiah must be whole`);
  }
  const digits = intDigits.replace(/^0+(?=\d)/, '');
  // 15 digits stay below 2^53, so the number is exact.
  if (digits.length > 15) return bad('amount_too_large', `${noun.id} Rp ${raw} terlalu besar`, `${noun.en} ${raw} is too large`);
  const value = Number(digits);
  if (value === 0 && !allowZero) {
    return bad('amount_positive', `${noun.id} Rp ${raw} harus lebih dari nol`, `${noun.en} ${raw} must be more than zero`);
  }
  return ok(value);
}

interface Noun {
  id: string;
  en: string;
}
const AMOUNT: Noun = { id: 'jumlah', en: 'amount' };
const OPENING: Noun = { id: 'saldo awal', en: 'opening balance' };
const CLOSING: Noun = { id: 'saldo akhir', en: 'closing balance' };

/** An xs:decimal amount as camt.053 writes it ("2875000.00"): no sign, '.' as the decimal point. */
export function parseXmlAmount(raw: string | undefined, noun: Noun = AMOUNT, allowZero = false): Checked<number> {
  if (raw === undefined || raw === '') return bad('amount_missing', `${noun.id} tidak ada`, `${noun.en} is missing`);
  if (/^[-−]/.test(raw)) {
    return bad('amount_positive', `${noun.id} Rp ${raw} tidak boleh negatif; arahnya ditunjukkan oleh CdtDbtInd`, `${noun.en} ${raw} must not be negative; CdtDbtInd gives the direction`);
  }
  const m = /^(\d+)(?:\.(\d+))?$/.exec(raw);
  if (!m) return bad('amount_format', `${noun.id} "${raw}" bukan angka desimal`, `${noun.en} "${raw}" is not a decimal number`);
  return wholeRupiah(raw, m[1]!, m[2] ?? '', noun, allowZero);
}

/**
 * A CSV amount by the rule at the top of this file: '1500000', '1.500.000', '1,500,000.00',
 * '1.500.000,00' and '1500,00' are 1500000 or 1500; '1.500' is ambiguous and refused.
 */
export function parseCsvAmount(raw: string): Checked<number> {
  const s = raw.trim().replace(/^(?:rp\.?|idr)\s*/i, '');
  if (s === '') return bad('amount_missing', 'jumlah kosong', 'amount is empty');
  if (/^[-−(]|\)$/.test(s)) {
    return bad('amount_positive', `jumlah Rp ${raw.trim()} tidak boleh negatif; arahnya ditunjukkan oleh kolom arah`, `amount ${raw.trim()} must not be negative; the direction column gives the direction`);
  }
  const format = () =>
    bad('amount_format', `jumlah "${raw.trim()}" tidak dapat dibaca; tulis misalnya 1500000, 1.500.000 atau 1.500.000,00`, `amount "${raw.trim()}" cannot be read; write for example 1500000, 1,500,000 or 1,500,000.00`);
  if (!/^[\d.,]+$/.test(s) || !/^\d/.test(s) || !/\d$/.test(s)) return format();
  const dots = s.split('.').length - 1;
  const commas = s.split(',').length - 1;
  const grouped = (text: string, sep: string) => new RegExp(`^\\d{1,3}(?:\\${sep}\\d{3})+$`).test(text);
  let intPart: string;
  let fraction = '';
  if (dots === 0 && commas === 0) {
    intPart = s;
  } else if (dots > 0 && commas > 0) {
    const decimal = s.lastIndexOf('.') > s.lastIndexOf(',') ? '.' : ',';
    const group = decimal === '.' ? ',' : '.';
    const parts = s.split(decimal);
    if (parts.length !== 2 || !grouped(parts[0]!, group) || !/^\d+$/.test(parts[1]!)) return format();
    intPart = parts[0]!.split(group).join('');
    fraction = parts[1]!;
  } else {
    const sep = dots > 0 ? '.' : ',';
    const parts = s.split(sep);
    if (parts.length > 2) {
      if (!grouped(s, sep)) return format();
      intPart = parts.join('');
    } else if (parts[1]!.length === 3) {
      return bad(
        'amount_ambiguous',
        `jumlah "${raw.trim()}" bermakna ganda (ribuan atau desimal?); tulis tanpa pemisah (${parts.join('')}) atau dengan desimal (${parts[0]}.${parts[1]},00)`,
        `amount "${raw.trim()}" is ambiguous (thousands or decimals?); write it without separators (${parts.join('')}) or with decimals (${parts[0]},${parts[1]}.00)`,
      );
    } else {
      intPart = parts[0]!;
      fraction = parts[1]!;
    }
  }
  return wholeRupiah(raw.trim(), intPart, fraction, AMOUNT, false);
}

/** '1254628900' → 'Rp1.254.628.900' (id) / 'Rp1,254,628,900' (en), also for negatives and beyond 2^53. */
function rupiah(n: bigint, lang: 'id' | 'en'): string {
  const digits = (n < 0n ? -n : n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'id' ? '.' : ',');
  return `${n < 0n ? '-' : ''}Rp${digits}`;
}

// ————————————————————————————————————————————— dates

function isRealDate(y: number, m: number, d: number): boolean {
  if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}
const pad = (n: number) => String(n).padStart(2, '0');

/** ISODate or the date part of an ISODateTime, as written: '2026-11-20T23:59:59+07:00' → '2026-11-20'. */
function isoDatePart(raw: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?)?$/.exec(raw);
  if (!m || !isRealDate(Number(m[1]), Number(m[2]), Number(m[3]))) return null;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

/** A CSV date: YYYY-MM-DD or DD/MM/YYYY, optionally followed by a time. */
export function parseCsvDate(raw: string): string | null {
  const s = raw.trim().replace(/(?:[ T]\d{1,2}[:.]\d{2}(?:[:.]\d{2})?)$/, '');
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (m) return isRealDate(Number(m[1]), Number(m[2]), Number(m[3])) ? `${m[1]}-${m[2]}-${m[3]}` : null;
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  if (m) {
    const [y, mo, d] = [Number(m[3]), Number(m[2]), Number(m[1])];
    return isRealDate(y, mo, d) ? `${y}-${pad(mo)}-${pad(d)}` : null;
  }
  return null;
}

// ————————————————————————————————————————————— payment codes

/** A Lindung payment code: 15 digits, '8', segment 1–4, 12-digit bill id, Luhn check digit. */
export function isPaymentCode(code: string): boolean {
  return /^8[1-4]\d{13}$/.test(code) && luhnCheckDigit(code.slice(0, 14)) === Number(code[14]);
}

/** The distinct valid payment codes in a text (digits not part of a longer number). */
export function findPaymentCodes(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(/(?<!\d)8[1-4]\d{13}(?!\d)/g)) if (isPaymentCode(m[0])) found.add(m[0]);
  return [...found];
}

/**
 * The payment code of a line: the structured places first, then the free text; null when none is
 * valid, or when the first place that has any names two different codes.
 */
function pickPaymentCode(structured: (string | undefined)[], free: (string | undefined)[]): string | null {
  for (const texts of [structured, free]) {
    const codes = new Set(texts.flatMap((t) => (t ? findPaymentCodes(t) : [])));
    if (codes.size === 1) return [...codes][0]!;
    if (codes.size > 1) return null;
  }
  return null;
}

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

// ————————————————————————————————————————————— lines, shared checks

type Direction = 'credit' | 'debit';

interface Draft {
  place: Place;
  bankRef: string | undefined;
  bookingDate: string | undefined;
  valueDate: string | null | undefined;
  amount: number | undefined;
  direction: Direction | undefined;
  paymentCode: string | null;
  channelTxId: string | null;
  description: string;
}

/** One problem for each bankRef already used by an earlier line. */
function checkDuplicateRefs(drafts: Draft[], problems: Problems) {
  const seen = new Map<string, Place>();
  for (const d of drafts) {
    if (!d.bankRef) continue;
    const first = seen.get(d.bankRef);
    if (!first) {
      seen.set(d.bankRef, d.place);
      continue;
    }
    const where = (lang: 'id' | 'en') => (first.line === null ? '' : lang === 'id' ? ` pada baris ${first.line}` : ` on line ${first.line}`);
    problems.add(d.place, 'bankRef', 'duplicate_bank_ref', `referensi bank ${d.bankRef} sudah dipakai${where('id')}`, `bank reference ${d.bankRef} is already used${where('en')}`);
  }
}

function finishLines(drafts: Draft[]): StatementLine[] {
  return drafts.map((d, i) => ({
    lineNo: i + 1,
    bankRef: d.bankRef!,
    bookingDate: d.bookingDate!,
    valueDate: d.valueDate ?? null,
    amount: d.amount!,
    direction: d.direction!,
    paymentCode: d.paymentCode,
    channelTxId: d.channelTxId,
    description: d.description,
  }));
}

const signed = (amount: number, direction: Direction) => (direction === 'credit' ? BigInt(amount) : -BigInt(amount));

// ————————————————————————————————————————————— camt.053

const CAMT053_NAMESPACE = /^urn:iso:std:iso:20022:tech:xsd:camt\.053\.001\.(\d{2})$/;
const SKIPPED_STATUS = new Set(['PDNG', 'INFO', 'FUTR']);
/** Elements that may repeat where this module reads them; always arrays after parsing. */
const REPEATED = new Set(['Stmt', 'Bal', 'Ntry', 'NtryDtls', 'TxDtls', 'Ustrd', 'Strd']);

type XmlNode = Record<string, unknown>;
const META = XMLParser.getMetaDataSymbol() as unknown as symbol;

const xmlParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  // Tag names lose their prefix here (camt:Ntry → Ntry); attributes keep theirs, so the xmlns:camt
  // declaration stays readable. (removeNSPrefix would drop the xmlns attributes as well.)
  transformTagName: (name: string) => name.replace(/^[^:]*:/, ''),
  parseTagValue: false, // '00100.00', '0206…' stay text
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  captureMetaData: true, // node[META].startIndex → the line of a problem
  isArray: (name: string, _jPath: unknown, _leaf: boolean, isAttribute: boolean) => !isAttribute && REPEATED.has(name),
});

const isNode = (v: unknown): v is XmlNode => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);

function at(node: unknown, ...path: string[]): unknown {
  let cur = node;
  for (const key of path) {
    if (Array.isArray(cur)) cur = cur[0];
    if (!isNode(cur)) return undefined;
    cur = cur[key];
  }
  return cur;
}

/** The text of an element ('' when it has none); undefined when the element is absent. */
function textOf(v: unknown): string | undefined {
  if (Array.isArray(v)) v = v[0];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (isNode(v)) return v['#text'] === undefined ? '' : String(v['#text']).trim();
  return undefined;
}
/** Non-empty text at a path, else undefined. */
const text = (node: unknown, ...path: string[]) => textOf(at(node, ...path)) || undefined;

function attr(v: unknown, name: string): string | undefined {
  if (Array.isArray(v)) v = v[0];
  const a = isNode(v) ? v[`@_${name}`] : undefined;
  return typeof a === 'string' ? a.trim() : undefined;
}

/** The first element of the document: its qualified name, '!' for a DOCTYPE, null when there is none. */
function rootTag(xml: string): string | null {
  let i = 0;
  for (;;) {
    while (i < xml.length && /\s/.test(xml[i]!)) i++;
    if (xml.startsWith('<?', i)) {
      const end = xml.indexOf('?>', i);
      if (end < 0) return null;
      i = end + 2;
    } else if (xml.startsWith('<!--', i)) {
      const end = xml.indexOf('-->', i);
      if (end < 0) return null;
      i = end + 3;
    } else if (xml.startsWith('<!', i)) {
      return '!';
    } else {
      const m = /^<([A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?)/.exec(xml.slice(i, i + 300));
      return m ? m[1]! : null;
    }
  }
}

/** Maps a node to the 1-based line where it starts (shift: lines cut off before the text). */
function lineIndex(xml: string, shift: number): (node: unknown) => number | null {
  const starts = [0];
  for (let i = xml.indexOf('\n'); i >= 0; i = xml.indexOf('\n', i + 1)) starts.push(i + 1);
  return (node) => {
    const meta = isNode(node) ? ((node as Record<symbol, unknown>)[META] as { startIndex?: number } | undefined) : undefined;
    const offset = meta?.startIndex;
    if (offset === undefined) return null;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1 + shift;
  };
}

function entryPlace(line: number | null, entryNo: number, ref: string | undefined, txNo?: number): Place {
  const idBits = [`entri ke-${entryNo}`, txNo ? `rincian ke-${txNo}` : '', ref ? `ref ${ref}` : ''].filter(Boolean).join(', ');
  const enBits = [`entry ${entryNo}`, txNo ? `detail ${txNo}` : '', ref ? `ref ${ref}` : ''].filter(Boolean).join(', ');
  return line === null ? { line, id: capitalize(idBits), en: capitalize(enBits) } : { line, id: `Baris ${line} (${idBits})`, en: `Line ${line} (${enBits})` };
}

/** An amount element (Amt Ccy="IDR"): IDR and whole rupiah. */
function camtAmount(problems: Problems, place: Place, field: string, el: unknown, noun: Noun, allowZero = false): number | undefined {
  let fine = true;
  const ccy = attr(el, 'Ccy');
  if (el !== undefined && ccy !== 'IDR') {
    fine = false;
    problems.add(place, 'currency', 'currency', ccy ? `mata uang ${noun.id} adalah ${ccy}; hanya IDR yang diterima` : `${noun.id} tidak menyebut mata uang (Ccy); hanya IDR yang diterima`, ccy ? `the ${noun.en} is in ${ccy}; only IDR is accepted` : `the ${noun.en} names no currency (Ccy); only IDR is accepted`);
  }
  const value = problems.take(place, field, parseXmlAmount(textOf(el), noun, allowZero));
  return fine ? value : undefined;
}

function camtDirection(problems: Problems, place: Place, el: unknown, what: Noun = AMOUNT): Direction | undefined {
  const v = textOf(el);
  if (v === 'CRDT') return 'credit';
  if (v === 'DBIT') return 'debit';
  problems.add(place, 'direction', 'direction', v ? `CdtDbtInd ${what.id} "${v}" harus CRDT atau DBIT` : `CdtDbtInd ${what.id} tidak ada; harus CRDT atau DBIT`, v ? `CdtDbtInd of the ${what.en} "${v}" must be CRDT or DBIT` : `CdtDbtInd of the ${what.en} is missing; it must be CRDT or DBIT`);
  return undefined;
}

/** A DateAndDateTimeChoice (Dt or DtTm). undefined = absent; null = present but not a valid date. */
function camtDate(el: unknown): { raw: string; date: string | null } | undefined {
  const raw = text(el, 'Dt') ?? text(el, 'DtTm');
  return raw === undefined ? undefined : { raw, date: isoDatePart(raw) };
}

const endToEnd = (tx: unknown) => {
  const v = text(tx, 'Refs', 'EndToEndId');
  return v && v.toUpperCase() !== 'NOTPROVIDED' ? v : undefined;
};
const ustrd = (tx: unknown) => list(at(tx, 'RmtInf', 'Ustrd')).map((u) => textOf(u) ?? '').filter(Boolean);
const creditorRefs = (tx: unknown) => list(at(tx, 'RmtInf', 'Strd')).map((s) => text(s, 'CdtrRefInf', 'Ref'));

/** Reads the XML down to its single Stmt, or adds the problems that stop it. */
function camtStatementNode(xml: string, shift: number, problems: Problems): { stmt: XmlNode; grpHdr: unknown } | null {
  const root = rootTag(xml);
  if (root === '!') {
    problems.add(WHOLE_FILE, 'file', 'xml_doctype', 'berkas XML memuat DOCTYPE; rekening koran camt.053 tidak memakainya', 'the XML file has a DOCTYPE; a camt.053 statement has none');
    return null;
  }
  if (root === null) {
    problems.add(WHOLE_FILE, 'file', 'not_xml', 'berkas ini bukan XML', 'the file is not XML');
    return null;
  }
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    const line = valid.err.line + shift;
    const place: Place = { line, id: `Baris ${line}`, en: `Line ${line}` };
    problems.add(place, 'file', 'xml_malformed', `XML tidak sah (${valid.err.msg})`, `the XML is malformed (${valid.err.msg})`);
    return null;
  }
  let parsed: XmlNode;
  try {
    parsed = xmlParser.parse(xml) as XmlNode;
  } catch (e) {
    problems.add(WHOLE_FILE, 'file', 'xml_malformed', `XML tidak dapat dibaca (${(e as Error).message})`, `the XML cannot be read (${(e as Error).message})`);
    return null;
  }
  const roots = Object.keys(parsed).filter((k) => !k.startsWith('?'));
  if (roots.length !== 1) {
    problems.add(WHOLE_FILE, 'file', 'xml_malformed', 'XML harus mempunyai tepat satu elemen akar', 'the XML must have exactly one root element');
    return null;
  }
  const prefix = root.includes(':') ? root.split(':')[0] : null;
  const localName = root.replace(/^[^:]*:/, '');
  const doc = parsed[roots[0]!];
  const ns = attr(doc, prefix ? `xmlns:${prefix}` : 'xmlns');
  if (localName !== 'Document' || !ns || !/^urn:iso:std:iso:20022:tech:xsd:camt\.053\./.test(ns)) {
    const found = `<${root}>${ns ? ` (${ns})` : ''}`;
    problems.add(WHOLE_FILE, 'namespace', 'not_camt053', `berkas ini bukan rekening koran camt.053: elemen akarnya ${found}`, `the file is not a camt.053 statement: its root element is ${found}`);
    return null;
  }
  const version = CAMT053_NAMESPACE.exec(ns)?.[1];
  if (!version || Number(version) < 2 || Number(version) > 13) {
    problems.add(WHOLE_FILE, 'namespace', 'camt_version', `versi camt.053 ${ns} tidak didukung; yang diterima camt.053.001.02 sampai .13`, `camt.053 version ${ns} is not supported; camt.053.001.02 to .13 are accepted`);
    return null;
  }
  const body = at(doc, 'BkToCstmrStmt');
  if (!isNode(body)) {
    problems.add(WHOLE_FILE, 'file', 'not_camt053', 'elemen BkToCstmrStmt tidak ada', 'the BkToCstmrStmt element is missing');
    return null;
  }
  const stmts = list(body.Stmt);
  if (stmts.length !== 1 || !isNode(stmts[0])) {
    problems.add(WHOLE_FILE, 'file', 'statement_count', `berkas harus memuat tepat satu Stmt, bukan ${stmts.length}; pisahkan per rekening koran`, `the file must hold exactly one Stmt, not ${stmts.length}; split it per statement`);
    return null;
  }
  return { stmt: stmts[0], grpHdr: body.GrpHdr };
}

/** Reads a camt.053 (versions 02–13) statement; throws StatementError with every problem. */
export function parseCamt053(xml: string): BankStatement {
  const problems = new Problems();
  // Whitespace before the XML declaration is not XML, but harmless: it is cut off, and counted, so
  // that problem lines still match the file.
  const lead = /^\uFEFF?\s*/.exec(xml)![0];
  const content = xml.slice(lead.length);
  const shift = lead.split('\n').length - 1;
  const found = camtStatementNode(content, shift, problems);
  if (!found) throw new StatementError(problems.list); // one problem: the file cannot be read further
  const { stmt, grpHdr } = found;
  const lineOf = lineIndex(content, shift);

  const statementId = text(stmt, 'Id');
  if (!statementId) problems.add(WHOLE_FILE, 'statementId', 'statement_id_missing', 'Stmt/Id (nomor rekening koran) tidak ada', 'Stmt/Id (the statement id) is missing');

  const account = text(stmt, 'Acct', 'Id', 'IBAN') ?? text(stmt, 'Acct', 'Id', 'Othr', 'Id');
  if (!account) problems.add(WHOLE_FILE, 'account', 'account_missing', 'nomor rekening (Acct/Id/IBAN atau Acct/Id/Othr/Id) tidak ada', 'the account (Acct/Id/IBAN or Acct/Id/Othr/Id) is missing');
  const accountCcy = text(stmt, 'Acct', 'Ccy');
  if (accountCcy !== undefined && accountCcy !== 'IDR') {
    problems.add(WHOLE_FILE, 'currency', 'currency', `mata uang rekening adalah ${accountCcy}; hanya IDR yang diterima`, `the account currency is ${accountCcy}; only IDR is accepted`);
  }

  let date: string | undefined;
  const dateSources: [string, string | undefined][] = [
    ['Stmt/FrToDt/ToDtTm', text(stmt, 'FrToDt', 'ToDtTm')],
    ['Stmt/CreDtTm', text(stmt, 'CreDtTm')],
    ['GrpHdr/CreDtTm', text(grpHdr, 'CreDtTm')],
  ];
  const dateSource = dateSources.find(([, v]) => v !== undefined);
  if (!dateSource) {
    problems.add(WHOLE_FILE, 'date', 'date_missing', 'tanggal rekening koran (FrToDt/ToDtTm atau CreDtTm) tidak ada', 'the statement date (FrToDt/ToDtTm or CreDtTm) is missing');
  } else {
    date = isoDatePart(dateSource[1]!) ?? undefined;
    if (!date) problems.add(WHOLE_FILE, 'date', 'date_invalid', `${dateSource[0]} "${dateSource[1]}" bukan tanggal yang sah`, `${dateSource[0]} "${dateSource[1]}" is not a valid date`);
  }

  // Balances
  let amountsComplete = true;
  const balance = (codes: string[], field: 'openingBalance' | 'closingBalance', noun: Noun): bigint | null => {
    const bals = list(stmt.Bal);
    const bal = codes.map((code) => bals.find((b) => text(b, 'Tp', 'CdOrPrtry', 'Cd') === code)).find((b) => b !== undefined);
    if (bal === undefined) return null;
    const line = lineOf(bal);
    const place: Place = line === null ? WHOLE_FILE : { line, id: `Baris ${line} (${noun.id})`, en: `Line ${line} (${noun.en})` };
    const amount = camtAmount(problems, place, field, at(bal, 'Amt'), noun, true);
    const direction = camtDirection(problems, place, at(bal, 'CdtDbtInd'), noun);
    if (amount === undefined || direction === undefined) {
      amountsComplete = false;
      return null;
    }
    return signed(amount, direction);
  };
  const opening = balance(['OPBD', 'PRCD'], 'openingBalance', OPENING);
  const closing = balance(['CLBD'], 'closingBalance', CLOSING);

  // Entries
  const drafts: Draft[] = [];
  list(stmt.Ntry).forEach((entry, index) => {
    const entryNo = index + 1;
    const entryRef = text(entry, 'AcctSvcrRef');
    const place = entryPlace(lineOf(entry), entryNo, entryRef);

    const status = text(entry, 'Sts') ?? text(entry, 'Sts', 'Cd') ?? text(entry, 'Sts', 'Prtry');
    if (status !== undefined && SKIPPED_STATUS.has(status)) return;
    if (status !== 'BOOK') {
      amountsComplete = false; // the entry's effect on the balance is unknown
      problems.add(place, 'status', 'entry_status', status ? `status entri "${status}" tidak dikenal; yang dibaca BOOK (PDNG, INFO dan FUTR dilewati)` : 'status entri (Sts) tidak ada', status ? `entry status "${status}" is unknown; BOOK is read (PDNG, INFO and FUTR are skipped)` : 'the entry status (Sts) is missing');
      return;
    }

    const amount = camtAmount(problems, place, 'amount', at(entry, 'Amt'), AMOUNT);
    const direction = camtDirection(problems, place, at(entry, 'CdtDbtInd'));
    if (amount === undefined || direction === undefined) amountsComplete = false;

    let bookingDate: string | undefined;
    const booked = camtDate(at(entry, 'BookgDt'));
    if (!booked) problems.add(place, 'bookingDate', 'date_missing', 'tanggal buku (BookgDt) tidak ada', 'the booking date (BookgDt) is missing');
    else if (!booked.date) problems.add(place, 'bookingDate', 'date_invalid', `tanggal buku "${booked.raw}" bukan tanggal yang sah`, `booking date "${booked.raw}" is not a valid date`);
    else bookingDate = booked.date;

    let valueDate: string | null | undefined = null;
    const valued = camtDate(at(entry, 'ValDt'));
    if (valued && !valued.date) {
      problems.add(place, 'valueDate', 'date_invalid', `tanggal valuta "${valued.raw}" bukan tanggal yang sah`, `value date "${valued.raw}" is not a valid date`);
      valueDate = undefined;
    } else if (valued) valueDate = valued.date;

    const entryInfo = text(entry, 'AddtlNtryInf');
    const txs = list(at(entry, 'NtryDtls')).flatMap((d) => list(at(d, 'TxDtls')));

    if (txs.length <= 1) {
      const tx = txs[0];
      const bankRef = entryRef ?? text(tx, 'Refs', 'AcctSvcrRef') ?? endToEnd(tx);
      if (!bankRef) problems.add(place, 'bankRef', 'bank_ref_missing', 'referensi bank tidak ada (AcctSvcrRef atau EndToEndId)', 'the bank reference is missing (AcctSvcrRef or EndToEndId)');
      const remittance = ustrd(tx);
      drafts.push({
        place, bankRef, bookingDate, valueDate, amount, direction,
        paymentCode: pickPaymentCode(creditorRefs(tx), [...remittance, endToEnd(tx), text(tx, 'AddtlTxInf'), entryInfo]),
        channelTxId: text(tx, 'Refs', 'TxId') ?? endToEnd(tx) ?? null,
        description: collapse(remittance.join(' ') || text(tx, 'AddtlTxInf') || entryInfo || ''),
      });
      return;
    }

    // A batch booking: one line per TxDtls, adding up to the entry.
    let sum = 0n;
    let sumComplete = amount !== undefined && direction !== undefined;
    txs.forEach((tx, t) => {
      const txNo = t + 1;
      const ownRef = text(tx, 'Refs', 'AcctSvcrRef');
      const bankRef = ownRef ?? (entryRef ? `${entryRef}/${txNo}` : endToEnd(tx));
      const txLine = lineOf(tx);
      const txPlace = entryPlace(txLine ?? place.line, entryNo, bankRef ?? entryRef, txNo);
      if (!bankRef) problems.add(txPlace, 'bankRef', 'bank_ref_missing', 'referensi bank tidak ada (AcctSvcrRef atau EndToEndId)', 'the bank reference is missing (AcctSvcrRef or EndToEndId)');
      const amtEl = at(tx, 'Amt') ?? at(tx, 'AmtDtls', 'TxAmt', 'Amt');
      const txAmount = camtAmount(problems, txPlace, 'amount', amtEl, AMOUNT);
      const txDirection = at(tx, 'CdtDbtInd') === undefined ? direction : camtDirection(problems, txPlace, at(tx, 'CdtDbtInd'));
      if (txAmount === undefined || txDirection === undefined) {
        amountsComplete = false;
        sumComplete = false;
      } else sum += signed(txAmount, txDirection);
      const remittance = ustrd(tx);
      drafts.push({
        place: txPlace, bankRef, bookingDate, valueDate, amount: txAmount, direction: txDirection,
        // The entry's AddtlNtryInf speaks for the whole batch, so it names no line's payment code.
        paymentCode: pickPaymentCode(creditorRefs(tx), [...remittance, endToEnd(tx), text(tx, 'AddtlTxInf')]),
        channelTxId: text(tx, 'Refs', 'TxId') ?? endToEnd(tx) ?? null,
        description: collapse(remittance.join(' ') || text(tx, 'AddtlTxInf') || entryInfo || ''),
      });
    });
    if (sumComplete && sum !== signed(amount!, direction!)) {
      problems.add(place, 'amount', 'batch_sum_mismatch', `rincian batch berjumlah ${rupiah(sum, 'id')}, entri ${rupiah(signed(amount!, direction!), 'id')}`, `the batch details add up to ${rupiah(sum, 'en')}, the entry to ${rupiah(signed(amount!, direction!), 'en')}`);
    }
  });

  checkDuplicateRefs(drafts, problems);

  if (opening !== null && closing !== null && amountsComplete) {
    const movement = drafts.reduce((acc, d) => acc + signed(d.amount!, d.direction!), 0n);
    if (opening + movement !== closing) {
      problems.add(
        WHOLE_FILE, 'closingBalance', 'balance_mismatch',
        `saldo akhir ${rupiah(closing, 'id')} tidak sama dengan saldo awal ${rupiah(opening, 'id')} + mutasi ${rupiah(movement, 'id')} = ${rupiah(opening + movement, 'id')}`,
        `closing balance ${rupiah(closing, 'en')} does not equal opening balance ${rupiah(opening, 'en')} + movements ${rupiah(movement, 'en')} = ${rupiah(opening + movement, 'en')}`,
      );
    }
  }

  problems.throwIfAny();
  return {
    format: 'camt.053',
    statementId: statementId!,
    account: account!,
    currency: 'IDR',
    date: date!,
    openingBalance: opening === null ? null : Number(opening),
    closingBalance: closing === null ? null : Number(closing),
    lines: finishLines(drafts),
  };
}

// ————————————————————————————————————————————— CSV

/** The CSV columns: the Indonesian name first (used in messages), then accepted aliases. */
export const CSV_COLUMNS = {
  bookingDate: ['tanggal', 'tgl', 'date', 'booking_date'],
  bankRef: ['referensi', 'no_referensi', 'reference', 'bank_ref'],
  paymentCode: ['kode_bayar', 'kode_pembayaran', 'payment_code'],
  amount: ['jumlah', 'nominal', 'amount'],
  direction: ['arah', 'direction'],
  description: ['keterangan', 'deskripsi', 'description'],
  channelTxId: ['id_transaksi', 'transaction_id'],
  valueDate: ['tanggal_valuta', 'tgl_valuta', 'value_date'],
  account: ['rekening', 'no_rekening', 'account'],
  currency: ['mata_uang', 'currency'],
} as const;
type CsvColumn = keyof typeof CSV_COLUMNS;
const CSV_REQUIRED: CsvColumn[] = ['bookingDate', 'bankRef', 'paymentCode', 'amount', 'direction', 'description'];
const EN_NAME: Record<CsvColumn, string> = {
  bookingDate: 'date', bankRef: 'reference', paymentCode: 'payment_code', amount: 'amount', direction: 'direction',
  description: 'description', channelTxId: 'transaction_id', valueDate: 'value_date', account: 'account', currency: 'currency',
};

const DIRECTIONS: Record<string, Direction> = {
  k: 'credit', kr: 'credit', kredit: 'credit', c: 'credit', cr: 'credit', credit: 'credit', crdt: 'credit',
  d: 'debit', db: 'debit', dr: 'debit', debit: 'debit', debet: 'debit', dbit: 'debit',
};

const normalizeHeader = (h: string) => h.replace(/^\uFEFF/, '').trim().toLowerCase().replace(/[\s-]+/g, '_');

/** Reads a statement in Lindung's CSV layout (see the top of this file); throws StatementError. */
export function parseStatementCsv(text: string, opts: { date?: string; account?: string; statementId?: string } = {}): BankStatement {
  const problems = new Problems();
  const content = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (content.includes('\0')) {
    problems.add(WHOLE_FILE, 'file', 'not_text', 'berkas ini bukan teks (mungkin XLSX atau PDF); kirim camt.053 atau CSV', 'the file is not text (XLSX or PDF perhaps); send camt.053 or CSV');
    problems.throwIfAny();
  }
  const headerLine = content.split('\n').find((l) => l.trim() !== '');
  if (headerLine === undefined) {
    problems.add(WHOLE_FILE, 'file', 'empty_file', 'berkas kosong', 'the file is empty');
    problems.throwIfAny();
  }
  const count = (ch: string) => headerLine!.split(ch).length - 1;
  const delimiter = count(';') > count(',') ? ';' : ',';

  let records: { record: string[]; info: { lines: number } }[] = [];
  try {
    records = parseCsv(content, { delimiter, info: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true }) as unknown as typeof records;
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    const line = typeof e.lines === 'number' ? e.lines : null;
    const place: Place = line === null ? WHOLE_FILE : { line, id: `Baris ${line}`, en: `Line ${line}` };
    problems.add(place, 'file', 'csv_malformed', `CSV tidak dapat dibaca (${e.message})`, `the CSV cannot be read (${e.message})`);
    problems.throwIfAny();
  }
  // The line where a record starts: where it ends less the line breaks inside its quoted fields.
  const startLine = (r: { record: string[]; info: { lines: number } }) => r.info.lines - r.record.reduce((n, f) => n + f.split('\n').length - 1, 0);

  // Header: the first row that is not blank
  const [head, ...rows] = records.filter((r) => r.record.some((c) => c.trim() !== ''));
  if (!head) {
    problems.add(WHOLE_FILE, 'file', 'empty_file', 'berkas kosong', 'the file is empty');
    problems.throwIfAny();
  }
  const header = head!.record.map(normalizeHeader);
  const index: Partial<Record<CsvColumn, number>> = {};
  const headerPlace: Place = { line: startLine(head!), id: `Baris ${startLine(head!)}`, en: `Line ${startLine(head!)}` };
  header.forEach((name, i) => {
    for (const [col, aliases] of Object.entries(CSV_COLUMNS) as [CsvColumn, readonly string[]][]) {
      if (!(aliases as readonly string[]).includes(name)) continue;
      if (index[col] === undefined) index[col] = i;
      else problems.add(headerPlace, 'header', 'header_duplicate', `kolom ${CSV_COLUMNS[col][0]} muncul dua kali ("${head!.record[index[col]!]!.trim()}" dan "${head!.record[i]!.trim()}")`, `column ${EN_NAME[col]} appears twice ("${head!.record[index[col]!]!.trim()}" and "${head!.record[i]!.trim()}")`);
    }
  });
  for (const col of CSV_REQUIRED) {
    if (index[col] === undefined) {
      problems.add(headerPlace, 'header', 'header_missing', `kolom ${CSV_COLUMNS[col][0]} (atau ${EN_NAME[col]}) tidak ada di baris judul`, `column ${EN_NAME[col]} (or ${CSV_COLUMNS[col][0]}) is missing from the header row`);
    }
  }
  // Without its columns no row can be read: stop at the header.
  problems.throwIfAny();

  const drafts: Draft[] = [];
  const accounts = new Map<string, number>();
  for (const r of rows) {
    const cells = r.record;
    if (cells.every((c) => c.trim() === '')) continue;
    const line = startLine(r);
    const place: Place = { line, id: `Baris ${line}`, en: `Line ${line}` };
    const extra = cells.slice(header.length);
    if (cells.length < header.length || extra.some((c) => c.trim() !== '')) {
      problems.add(place, 'file', 'column_count', `baris ini mempunyai ${cells.length} kolom, baris judul ${header.length} (pemisah ${delimiter === ';' ? 'titik koma' : 'koma'} di dalam teks harus diberi tanda kutip)`, `the row has ${cells.length} columns, the header ${header.length} (a ${delimiter === ';' ? 'semicolon' : 'comma'} inside a text must be quoted)`);
      continue;
    }
    const cell = (col: CsvColumn) => (index[col] === undefined ? '' : (cells[index[col]!] ?? '').trim());

    let bookingDate: string | undefined;
    const dateText = cell('bookingDate');
    if (!dateText) problems.add(place, 'bookingDate', 'date_missing', 'tanggal kosong', 'date is empty');
    else {
      bookingDate = parseCsvDate(dateText) ?? undefined;
      if (!bookingDate) problems.add(place, 'bookingDate', 'date_invalid', `tanggal "${dateText}" bukan tanggal yang sah (YYYY-MM-DD atau DD/MM/YYYY)`, `date "${dateText}" is not a valid date (YYYY-MM-DD or DD/MM/YYYY)`);
    }

    let valueDate: string | null | undefined = null;
    const valueText = cell('valueDate');
    if (valueText) {
      valueDate = parseCsvDate(valueText) ?? undefined;
      if (!valueDate) problems.add(place, 'valueDate', 'date_invalid', `tanggal valuta "${valueText}" bukan tanggal yang sah (YYYY-MM-DD atau DD/MM/YYYY)`, `value date "${valueText}" is not a valid date (YYYY-MM-DD or DD/MM/YYYY)`);
    }

    const bankRef = cell('bankRef') || undefined;
    if (!bankRef) problems.add(place, 'bankRef', 'bank_ref_missing', 'referensi kosong', 'reference is empty');

    const amount = problems.take(place, 'amount', parseCsvAmount(cell('amount')));

    const directionText = cell('direction');
    const direction = DIRECTIONS[directionText.toLowerCase()];
    if (!direction) {
      problems.add(place, 'direction', 'direction', directionText ? `arah "${directionText}" harus K (kredit) atau D (debit)` : 'arah kosong; harus K (kredit) atau D (debit)', directionText ? `direction "${directionText}" must be K/CR (credit) or D/DB (debit)` : 'direction is empty; it must be K/CR (credit) or D/DB (debit)');
    }

    const currency = cell('currency');
    if (currency && currency.toUpperCase() !== 'IDR') problems.add(place, 'currency', 'currency', `mata uang ${currency}; hanya IDR yang diterima`, `currency ${currency}; only IDR is accepted`);

    const account = cell('account');
    if (account && !accounts.has(account)) accounts.set(account, line);

    const codeCell = cell('paymentCode');
    const description = collapse(cell('description'));
    drafts.push({
      place, bankRef, bookingDate, valueDate, amount, direction: direction,
      paymentCode: pickPaymentCode([codeCell.replace(/[\s.-]/g, ''), codeCell], [description]),
      channelTxId: cell('channelTxId') || null,
      description,
    });
  }

  checkDuplicateRefs(drafts, problems);

  // Account: the parameter, else the one account the rows name.
  let account = opts.account?.trim() ?? '';
  const named = [...accounts.keys()];
  if (named.length > 1) {
    problems.add(WHOLE_FILE, 'account', 'account_mixed', `berkas memuat beberapa rekening (${named.join(', ')}); satu berkas untuk satu rekening`, `the file holds several accounts (${named.join(', ')}); one file per account`);
  } else if (named.length === 1) {
    if (account && account !== named[0]) {
      problems.add(WHOLE_FILE, 'account', 'account_mismatch', `rekening di berkas ${named[0]} bukan rekening ${account}`, `the account in the file, ${named[0]}, is not ${account}`);
    }
    account ||= named[0]!;
  }

  // Date: the parameter, else the latest booking date.
  let date: string | undefined;
  if (opts.date !== undefined) {
    date = isoDatePart(opts.date) === opts.date ? opts.date : undefined;
    if (!date) problems.add(WHOLE_FILE, 'date', 'date_invalid', `tanggal rekening koran "${opts.date}" bukan tanggal YYYY-MM-DD yang sah`, `statement date "${opts.date}" is not a valid YYYY-MM-DD date`);
  } else {
    date = drafts.map((d) => d.bookingDate).filter((d): d is string => !!d).sort().at(-1);
    if (!date && !problems.list.length) problems.add(WHOLE_FILE, 'date', 'date_missing', 'tanggal rekening koran tidak diketahui: berkas tidak memuat transaksi dan tanggal tidak diberikan', 'the statement date is unknown: the file holds no transactions and no date was given');
  }

  problems.throwIfAny();
  return {
    format: 'csv',
    statementId: opts.statementId?.trim() || `CSV-${crypto.createHash('sha256').update(text).digest('hex').slice(0, 16)}`,
    account,
    currency: 'IDR',
    date: date!,
    openingBalance: null,
    closingBalance: null,
    lines: finishLines(drafts),
  };
}

// ————————————————————————————————————————————— either

/**
 * Reads a statement of either format: XML (content starting with '<', or a .xml file name) is read as
 * camt.053, anything else as CSV. For a CSV, a YYYY-MM-DD date in the file name becomes its date.
 */
export function parseStatement(content: string, filename?: string): BankStatement {
  const looksXml = content.replace(/^\uFEFF/, '').trimStart().startsWith('<');
  const name = filename?.split(/[\\/]/).pop() ?? '';
  if (looksXml || /\.xml$/i.test(name)) return parseCamt053(content);
  const m = /(\d{4}-\d{2}-\d{2})/.exec(name);
  const date = m && isoDatePart(m[1]!) ? m[1] : undefined;
  return parseStatementCsv(content, date ? { date } : {});
}
