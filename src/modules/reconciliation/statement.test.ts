import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { luhnCheckDigit } from '../registry/check-digits.ts';
import {
  findPaymentCodes, isPaymentCode, parseCamt053, parseCsvAmount, parseCsvDate, parseStatement, parseStatementCsv,
  parseXmlAmount, StatementError, type BankStatement, type StatementLine, type StatementProblem,
} from './statement.ts';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const fixture = (name: string) => fs.readFileSync(path.join(fixtures, name), 'utf8');

/** The problems a parse throws (it must throw a StatementError and return nothing). */
function problemsOf(parse: () => BankStatement): StatementProblem[] {
  let result: BankStatement | undefined;
  try {
    result = parse();
  } catch (e) {
    assert.ok(e instanceof StatementError, `expected a StatementError, got ${String(e)}`);
    assert.ok(e.problems.length > 0);
    return e.problems;
  }
  assert.fail(`expected a StatementError, got a statement with ${result.lines.length} lines`);
}
/** 'line:field:rule' for each problem, in the order thrown. */
const rulesOf = (parse: () => BankStatement) => problemsOf(parse).map((p) => `${p.line}:${p.field}:${p.rule}`);

// ————————————————————————————————————————— camt.053 builders for small cases

const NS = (v: string) => `urn:iso:std:iso:20022:tech:xsd:camt.053.001.${v}`;
const bal = (code: string, amount: string, ind = 'CRDT') =>
  `<Bal><Tp><CdOrPrtry><Cd>${code}</Cd></CdOrPrtry></Tp><Amt Ccy="IDR">${amount}</Amt><CdtDbtInd>${ind}</CdtDbtInd><Dt><Dt>2026-11-20</Dt></Dt></Bal>`;

interface EntryOpts {
  amount?: string;
  ccy?: string | null;
  ind?: string;
  sts?: string | null; // raw XML inside <Sts>, null = no <Sts>
  ref?: string | null;
  booked?: string | null;
  details?: string; // raw <NtryDtls> content
  info?: string;
}
function entry(o: EntryOpts = {}): string {
  const ccy = o.ccy === null ? '' : ` Ccy="${o.ccy ?? 'IDR'}"`;
  return [
    '<Ntry>',
    `<Amt${ccy}>${o.amount ?? '10000.00'}</Amt>`,
    `<CdtDbtInd>${o.ind ?? 'CRDT'}</CdtDbtInd>`,
    o.sts === null ? '' : `<Sts>${o.sts ?? 'BOOK'}</Sts>`,
    o.booked === null ? '' : `<BookgDt><Dt>${o.booked ?? '2026-11-20'}</Dt></BookgDt>`,
    o.ref === null ? '' : `<AcctSvcrRef>${o.ref ?? 'REF-1'}</AcctSvcrRef>`,
    '<BkTxCd><Prtry><Cd>X</Cd></Prtry></BkTxCd>',
    o.details ? `<NtryDtls>${o.details}</NtryDtls>` : '',
    o.info ? `<AddtlNtryInf>${o.info}</AddtlNtryInf>` : '',
    '</Ntry>',
  ].join('\n');
}
function camt(o: { version?: string; entries?: string[]; balances?: string; acct?: string; dates?: string; stmts?: number } = {}): string {
  const stmt = [
    '<Stmt>',
    '<Id>S-1</Id>',
    o.dates ?? '<CreDtTm>2026-11-21T01:00:00+07:00</CreDtTm><FrToDt><FrDtTm>2026-11-20T00:00:00+07:00</FrDtTm><ToDtTm>2026-11-20T23:59:59+07:00</ToDtTm></FrToDt>',
    o.acct ?? '<Acct><Id><Othr><Id>0001112223</Id></Othr></Id><Ccy>IDR</Ccy></Acct>',
    o.balances ?? '',
    ...(o.entries ?? [entry()]),
    '</Stmt>',
  ].join('\n');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<Document xmlns="${NS(o.version ?? '02')}">`,
    '<BkToCstmrStmt><GrpHdr><MsgId>M-1</MsgId><CreDtTm>2026-11-21T01:00:00+07:00</CreDtTm></GrpHdr>',
    stmt.repeat(o.stmts ?? 1),
    '</BkToCstmrStmt></Document>',
  ].join('\n');
}
const tx = (inner: string) => `<TxDtls>${inner}</TxDtls>`;

// ————————————————————————————————————————— the fixtures

test('a camt.053.001.02 statement from BRI becomes booked lines, a batch entry one line per transaction', () => {
  const s = parseStatement(fixture('bank-bri-2026-11-20.camt053.xml'), 'bank-bri-2026-11-20.camt053.xml');
  assert.deepEqual({ ...s, lines: undefined }, {
    format: 'camt.053',
    statementId: 'BRI-STMT-020601000123301-20261120',
    account: '020601000123301',
    currency: 'IDR',
    date: '2026-11-20',
    openingBalance: 1_250_000_000,
    closingBalance: 1_254_628_900,
    lines: undefined,
  });
  const line = (lineNo: number, bankRef: string, amount: number, direction: 'credit' | 'debit', paymentCode: string | null, channelTxId: string | null, description: string): StatementLine =>
    ({ lineNo, bankRef, bookingDate: '2026-11-20', valueDate: '2026-11-20', amount, direction, paymentCode, channelTxId, description });
  assert.deepEqual(s.lines, [
    // the code in Ustrd; TxId before EndToEndId; several Ustrd joined
    line(1, 'BRI2611200000101', 2_875_000, 'credit', '810000000000018', 'BIFAST20261120BRINIDJA010000123', 'IURAN PU 11/2026 VA 810000000000018 PT SINAR TERANG ABADI'),
    // the code in the creditor reference (Strd/CdtrRefInf/Ref)
    line(2, 'BRI2611200000102', 36_800, 'credit', '820000000000172', 'QRIS2611200000778123', 'IURAN BPU NOV 2026'),
    // a wrong check digit: no payment code; the EndToEndId is the channel id when there is no TxId
    line(3, 'BRI2611200000103', 150_000, 'credit', null, 'ATM2611200031', 'BAYAR IURAN 810000000000019'),
    // no code at all; whitespace collapsed
    line(4, 'BRI2611200000104', 500_000, 'credit', null, null, 'SETORAN TUNAI KCP SUDIRMAN'),
    // the bank's fee: no transaction details, the description from AddtlNtryInf
    line(5, 'BRI2611200000105', 6_500, 'debit', null, null, 'BIAYA ADMINISTRASI REKENING NOV 2026'),
    // the batch: the first detail has its own AcctSvcrRef, the second gets entry ref + '/2'
    line(6, 'BRI2611200000106A', 716_000, 'credit', '830000000001236', 'KOLEKTIF20261120001', 'IURAN JAKON 830000000001236 CV KARYA BANGUN'),
    line(7, 'BRI2611200000106/2', 357_600, 'credit', '840000000000426', 'KOLEKTIF20261120002', 'IURAN PMI 840000000000426'),
  ]);
  // the PDNG entry (BRI2611200000107) is not a line, and the balances add up without it
  assert.ok(!s.lines.some((l) => l.bankRef.startsWith('BRI2611200000107')));
  const movement = s.lines.reduce((acc, l) => acc + (l.direction === 'credit' ? l.amount : -l.amount), 0);
  assert.equal(s.openingBalance! + movement, s.closingBalance);
});

test('a camt.053.001.08 statement with a namespace prefix, <Sts><Cd>BOOK</Cd></Sts> and a booking date-time', () => {
  const s = parseCamt053(fixture('bank-mandiri-2026-11-20.camt053-v08.xml'));
  assert.equal(s.statementId, 'MDR-1230009876543-20261120');
  assert.equal(s.account, '1230009876543');
  assert.equal(s.date, '2026-11-20');
  assert.equal(s.openingBalance, 50_000_000);
  assert.equal(s.closingBalance, 51_247_500);
  assert.deepEqual(s.lines, [
    { lineNo: 1, bankRef: 'MDR20261120A0001', bookingDate: '2026-11-20', valueDate: '2026-11-20', amount: 1_250_000, direction: 'credit', paymentCode: '810000000000026', channelTxId: 'MDRVA20261120000981', description: 'PEMBAYARAN VIRTUAL ACCOUNT LINDUNG' },
    { lineNo: 2, bankRef: 'MDR20261120F0001', bookingDate: '2026-11-20', valueDate: null, amount: 2_500, direction: 'debit', paymentCode: null, channelTxId: null, description: 'BIAYA TRANSFER ANTARBANK' },
  ]);
});

test('the statement date is FrToDt/ToDtTm, else Stmt/CreDtTm, else GrpHdr/CreDtTm, as written', () => {
  assert.equal(parseCamt053(camt()).date, '2026-11-20');
  assert.equal(parseCamt053(camt({ dates: '<CreDtTm>2026-11-19T23:10:00+07:00</CreDtTm>' })).date, '2026-11-19');
  assert.equal(parseCamt053(camt({ dates: '' })).date, '2026-11-21');
  const v08 = fixture('bank-mandiri-2026-11-20.camt053-v08.xml').replace(/<camt:FrToDt>[\s\S]*?<\/camt:FrToDt>/, '');
  assert.equal(parseCamt053(v08).date, '2026-11-21', 'a statement made after midnight without FrToDt is dated by its creation');
  assert.deepEqual(rulesOf(() => parseCamt053(camt({ dates: '<CreDtTm>2026-13-01T00:00:00</CreDtTm>' }))), ['null:date:date_invalid']);
});

test('a camt.053 file where many entries break rules reports every problem at once, by line', () => {
  const problems = problemsOf(() => parseStatement(fixture('broken-entries.camt053.xml')));
  assert.deepEqual(problems.map((p) => `${p.line}:${p.field}:${p.rule}`), [
    '37:currency:currency',
    '45:amount:amount_fraction',
    '53:bookingDate:date_invalid',
    '61:bankRef:bank_ref_missing',
    '74:bankRef:duplicate_bank_ref',
    '82:direction:direction',
    '90:status:entry_status',
    '98:amount:batch_sum_mismatch',
    '114:amount:amount_positive',
    '122:amount:amount_format',
  ]);
  // the balances (1.000.000 → 1) do not add up, but with unreadable amounts that is not reported
  assert.ok(!problems.some((p) => p.rule === 'balance_mismatch'));
  const fraction = problems.find((p) => p.rule === 'amount_fraction')!;
  assert.deepEqual(fraction.message, {
    id: 'Baris 45 (entri ke-2, ref BRK-002): jumlah Rp 100.50 memiliki pecahan; rupiah harus bulat',
    en: 'Line 45 (entry 2, ref BRK-002): amount 100.50 has a fraction; rupiah must be whole',
  });
  const duplicate = problems.find((p) => p.rule === 'duplicate_bank_ref')!;
  assert.match(duplicate.message.id, /BRK-002 sudah dipakai pada baris 45/);
  assert.match(duplicate.message.en, /BRK-002 is already used on line 45/);
  for (const p of problems) {
    assert.ok(p.message.id.startsWith(`Baris ${p.line}`), p.message.id);
    assert.ok(p.message.en.startsWith(`Line ${p.line}`), p.message.en);
  }
});

test('closing balance must equal opening + credits − debits', () => {
  const bri = fixture('bank-bri-2026-11-20.camt053.xml');
  const problems = problemsOf(() => parseCamt053(bri.replace('1254628900.00', '1254628000.00')));
  assert.deepEqual(problems.map((p) => `${p.line}:${p.field}:${p.rule}`), ['null:closingBalance:balance_mismatch']);
  assert.equal(problems[0]!.message.id, 'Saldo akhir Rp1.254.628.000 tidak sama dengan saldo awal Rp1.250.000.000 + mutasi Rp4.628.900 = Rp1.254.628.900');
  assert.equal(problems[0]!.message.en, 'Closing balance Rp1,254,628,000 does not equal opening balance Rp1,250,000,000 + movements Rp4,628,900 = Rp1,254,628,900');

  // an overdrawn (DBIT) balance is negative
  const overdrawn = camt({ balances: bal('OPBD', '20000.00', 'DBIT') + bal('CLBD', '10000.00', 'DBIT'), entries: [entry({ amount: '10000' })] });
  const s = parseCamt053(overdrawn);
  assert.equal(s.openingBalance, -20_000);
  assert.equal(s.closingBalance, -10_000);
  // PRCD stands in for a missing OPBD
  assert.equal(parseCamt053(camt({ balances: bal('PRCD', '5000') + bal('CLBD', '15000') })).openingBalance, 5_000);
  // with only one balance nothing is compared
  const one = parseCamt053(camt({ balances: bal('CLBD', '999') }));
  assert.deepEqual([one.openingBalance, one.closingBalance], [null, 999]);
  // a balance may be zero, but not fractional
  assert.equal(parseCamt053(camt({ balances: bal('OPBD', '0.00') + bal('CLBD', '10000') })).openingBalance, 0);
  assert.deepEqual(rulesOf(() => parseCamt053(camt({ balances: bal('OPBD', '0.50') + bal('CLBD', '10000') }))).map((r) => r.replace(/^\d+/, 'n')), ['n:openingBalance:amount_fraction']);
});

// ————————————————————————————————————————— camt.053 rules

test('camt.053 versions 02 to 13 are accepted, others and other messages are refused', () => {
  for (let v = 2; v <= 13; v++) {
    const version = String(v).padStart(2, '0');
    assert.equal(parseCamt053(camt({ version })).lines.length, 1, `version ${version}`);
  }
  for (const version of ['01', '14', '99']) {
    assert.deepEqual(rulesOf(() => parseCamt053(camt({ version }))), ['null:namespace:camt_version'], version);
  }
  const camt052 = camt().replace(NS('02'), 'urn:iso:std:iso:20022:tech:xsd:camt.052.001.02');
  assert.deepEqual(rulesOf(() => parseCamt053(camt052)), ['null:namespace:not_camt053']);
  assert.deepEqual(rulesOf(() => parseCamt053(camt().replace(` xmlns="${NS('02')}"`, ''))), ['null:namespace:not_camt053']);
  const pain = problemsOf(() => parseStatement(fixture('not-camt053.pain001.xml'), 'not-camt053.pain001.xml'));
  assert.deepEqual(pain.map((p) => p.rule), ['not_camt053']);
  assert.match(pain[0]!.message.en, /pain\.001\.001\.03/);
  // the namespace must belong to the root's own prefix
  const wrongPrefix = `<x:Document xmlns="${NS('02')}" xmlns:x="urn:example:other"><x:BkToCstmrStmt/></x:Document>`;
  assert.deepEqual(rulesOf(() => parseCamt053(wrongPrefix)), ['null:namespace:not_camt053']);
});

test('text that is not XML, malformed XML, a DOCTYPE or several statements are refused', () => {
  assert.deepEqual(rulesOf(() => parseCamt053('tanggal;referensi')), ['null:file:not_xml']);
  assert.deepEqual(rulesOf(() => parseCamt053('')), ['null:file:not_xml']);
  const broken = problemsOf(() => parseCamt053('<?xml version="1.0"?>\n<Document>\n  <BkToCstmrStmt>\n</Document>'));
  assert.deepEqual(broken.map((p) => `${p.line}:${p.rule}`), ['4:xml_malformed']);
  assert.match(broken[0]!.message.id, /^Baris 4: XML tidak sah/);
  assert.deepEqual(rulesOf(() => parseCamt053('<!DOCTYPE d [<!ENTITY x "y">]><Document/>')), ['null:file:xml_doctype']);
  assert.deepEqual(rulesOf(() => parseCamt053(camt({ stmts: 2 }))), ['null:file:statement_count']);
  assert.deepEqual(rulesOf(() => parseCamt053(camt({ stmts: 0 }))), ['null:file:statement_count']);
  assert.deepEqual(rulesOf(() => parseCamt053(`<Document xmlns="${NS('02')}"><Other/></Document>`)), ['null:file:not_camt053']);
});

test('the statement needs its id, an account in IDR and a date', () => {
  const noId = camt().replace('<Id>S-1</Id>', '');
  assert.deepEqual(rulesOf(() => parseCamt053(noId)), ['null:statementId:statement_id_missing']);
  assert.deepEqual(rulesOf(() => parseCamt053(camt({ acct: '<Acct><Ccy>IDR</Ccy></Acct>' }))), ['null:account:account_missing']);
  assert.equal(parseCamt053(camt({ acct: '<Acct><Id><IBAN>ID00TEST0000000001</IBAN></Id></Acct>' })).account, 'ID00TEST0000000001');
  assert.deepEqual(rulesOf(() => parseCamt053(camt({ acct: '<Acct><Id><Othr><Id>1</Id></Othr></Id><Ccy>USD</Ccy></Acct>' }))), ['null:currency:currency']);
  // every problem of the statement, together
  const all = camt({ acct: '<Acct><Ccy>EUR</Ccy></Acct>', entries: [entry({ ccy: 'EUR' })] }).replace('<Id>S-1</Id>', '');
  assert.deepEqual(rulesOf(() => parseCamt053(all)).map((r) => r.replace(/^\d+/, 'n')), [
    'null:statementId:statement_id_missing', 'null:account:account_missing', 'null:currency:currency', 'n:currency:currency',
  ]);
});

test('only booked entries become lines; both status forms are read; an unknown status is a problem', () => {
  const s = parseCamt053(camt({
    entries: [
      entry({ ref: 'A', sts: 'BOOK' }),
      entry({ ref: 'B', sts: '<Cd>BOOK</Cd>' }),
      entry({ ref: 'C', sts: 'PDNG', amount: 'not checked' }),
      entry({ ref: 'D', sts: '<Cd>INFO</Cd>' }),
      entry({ ref: 'E', sts: '<Cd>FUTR</Cd>', booked: null }),
    ],
  }));
  assert.deepEqual(s.lines.map((l) => [l.lineNo, l.bankRef]), [[1, 'A'], [2, 'B']]);
  assert.deepEqual(rulesOf(() => parseCamt053(camt({ entries: [entry({ sts: '<Prtry>BOOKED</Prtry>' })] }))).map((r) => r.replace(/^\d+/, 'n')), ['n:status:entry_status']);
  assert.deepEqual(rulesOf(() => parseCamt053(camt({ entries: [entry({ sts: null })] }))).map((r) => r.replace(/^\d+/, 'n')), ['n:status:entry_status']);
  // an unreadable status leaves the balance unknown, so it is not compared
  const withBalances = camt({ balances: bal('OPBD', '0') + bal('CLBD', '10000'), entries: [entry({ ref: 'A' }), entry({ ref: 'B', sts: 'XXXX' })] });
  assert.deepEqual(problemsOf(() => parseCamt053(withBalances)).map((p) => p.rule), ['entry_status']);
});

test('entry amounts: IDR, positive, whole rupiah; dates real; CdtDbtInd CRDT or DBIT', () => {
  const rules = (o: EntryOpts) => rulesOf(() => parseCamt053(camt({ entries: [entry(o)] }))).map((r) => r.replace(/^\d+:/, ''));
  assert.deepEqual(rules({ amount: '0.00' }), ['amount:amount_positive']);
  assert.deepEqual(rules({ amount: '12.5' }), ['amount:amount_fraction']);
  assert.deepEqual(rules({ amount: '1,000.00' }), ['amount:amount_format']);
  assert.deepEqual(rules({ amount: '1e6' }), ['amount:amount_format']);
  assert.deepEqual(rules({ amount: '' }), ['amount:amount_missing']);
  assert.deepEqual(rules({ amount: '1234567890123456' }), ['amount:amount_too_large']);
  assert.deepEqual(rules({ ccy: null }), ['currency:currency']);
  assert.deepEqual(rules({ ccy: 'USD', amount: '10.25' }), ['currency:currency', 'amount:amount_fraction']);
  assert.deepEqual(rules({ ind: 'C' }), ['direction:direction']);
  assert.deepEqual(rules({ booked: null }), ['bookingDate:date_missing']);
  assert.deepEqual(rules({ booked: '20-11-2026' }), ['bookingDate:date_invalid']);
  const withValDt = camt({ entries: [entry().replace('<AcctSvcrRef>', '<ValDt><Dt>2026-11-31</Dt></ValDt><AcctSvcrRef>')] });
  assert.deepEqual(rulesOf(() => parseCamt053(withValDt)).map((r) => r.replace(/^\d+:/, '')), ['valueDate:date_invalid']);
  // the largest exact amounts survive without floating point
  assert.equal(parseCamt053(camt({ entries: [entry({ amount: '999999999999999.00000' })] })).lines[0]!.amount, 999_999_999_999_999);
  assert.equal(parseCamt053(camt({ entries: [entry({ amount: '000120000' })] })).lines[0]!.amount, 120_000);
  // a booking date-time gives its date as written
  const dtTm = camt({ entries: [entry().replace('<BookgDt><Dt>2026-11-20</Dt></BookgDt>', '<BookgDt><DtTm>2026-11-20T23:59:59.123Z</DtTm></BookgDt>')] });
  assert.equal(parseCamt053(dtTm).lines[0]!.bookingDate, '2026-11-20');
});

test('bankRef: Ntry/AcctSvcrRef, else TxDtls/Refs/AcctSvcrRef, else EndToEndId (not NOTPROVIDED); unique in the file', () => {
  const one = (details: string) => parseCamt053(camt({ entries: [entry({ ref: null, details })] })).lines[0]!.bankRef;
  assert.equal(one(tx('<Refs><AcctSvcrRef>TX-REF</AcctSvcrRef><EndToEndId>E2E</EndToEndId></Refs>')), 'TX-REF');
  assert.equal(one(tx('<Refs><EndToEndId>E2E-9</EndToEndId></Refs>')), 'E2E-9');
  assert.equal(parseCamt053(camt({ entries: [entry({ ref: 'NTRY', details: tx('<Refs><AcctSvcrRef>TX</AcctSvcrRef></Refs>') })] })).lines[0]!.bankRef, 'NTRY');
  assert.deepEqual(rulesOf(() => parseCamt053(camt({ entries: [entry({ ref: null, details: tx('<Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs>') })] }))).map((r) => r.replace(/^\d+:/, '')), ['bankRef:bank_ref_missing']);
  assert.deepEqual(rulesOf(() => parseCamt053(camt({ entries: [entry({ ref: null })] }))).map((r) => r.replace(/^\d+:/, '')), ['bankRef:bank_ref_missing']);
  const twice = problemsOf(() => parseCamt053(camt({ entries: [entry({ ref: 'SAME' }), entry({ ref: 'OTHER' }), entry({ ref: 'SAME' })] })));
  assert.deepEqual(twice.map((p) => p.rule), ['duplicate_bank_ref']);
  assert.match(twice[0]!.message.en, /entry 3, ref SAME\): bank reference SAME is already used on line \d+/);
});

test('a batch entry: one line per TxDtls, TxDtls/Amt before AmtDtls, its own direction, refs, and the sum checked', () => {
  const details = [
    tx('<Refs><EndToEndId>E-1</EndToEndId><TxId>T-1</TxId></Refs><Amt Ccy="IDR">7000.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><AmtDtls><TxAmt><Amt Ccy="IDR">1.00</Amt></TxAmt></AmtDtls><RmtInf><Ustrd>A 810000000000018</Ustrd></RmtInf>'),
    tx('<Refs><AcctSvcrRef>OWN-2</AcctSvcrRef></Refs><AmtDtls><TxAmt><Amt Ccy="IDR">4000</Amt></TxAmt></AmtDtls><AddtlTxInf>B 820000000000172</AddtlTxInf>'),
    tx('<Amt Ccy="IDR">1000.00</Amt><CdtDbtInd>DBIT</CdtDbtInd>'),
  ];
  // the batch spreads over two NtryDtls; the entry's AddtlNtryInf names no line's code
  const xml = camt({ entries: [entry({ ref: 'B', amount: '10000.00', details: details.slice(0, 2).join('') + `</NtryDtls><NtryDtls>${details[2]}`, info: 'BATCH 830000000001236' })] });
  const s = parseCamt053(xml);
  assert.deepEqual(s.lines.map(({ lineNo, bankRef, amount, direction, paymentCode, channelTxId, description }) => ({ lineNo, bankRef, amount, direction, paymentCode, channelTxId, description })), [
    { lineNo: 1, bankRef: 'B/1', amount: 7000, direction: 'credit', paymentCode: '810000000000018', channelTxId: 'T-1', description: 'A 810000000000018' },
    { lineNo: 2, bankRef: 'OWN-2', amount: 4000, direction: 'credit', paymentCode: '820000000000172', channelTxId: null, description: 'B 820000000000172' },
    { lineNo: 3, bankRef: 'B/3', amount: 1000, direction: 'debit', paymentCode: null, channelTxId: null, description: 'BATCH 830000000001236' },
  ]);
  // without an entry ref, the EndToEndId; without either, a problem naming the detail
  const noRef = camt({ entries: [entry({ ref: null, amount: '2', details: tx('<Refs><EndToEndId>E-1</EndToEndId></Refs><Amt Ccy="IDR">1</Amt>') + tx('<Amt Ccy="IDR">1</Amt>') })] });
  const problems = problemsOf(() => parseCamt053(noRef));
  assert.deepEqual(problems.map((p) => p.rule), ['bank_ref_missing']);
  assert.match(problems[0]!.message.id, /\(entri ke-1, rincian ke-2\): referensi bank tidak ada/);
  // details that do not add up to the entry; a detail without any amount
  assert.deepEqual(problemsOf(() => parseCamt053(camt({ entries: [entry({ amount: '3', details: tx('<Amt Ccy="IDR">1</Amt>') + tx('<Amt Ccy="IDR">1</Amt>') })] }))).map((p) => p.rule), ['batch_sum_mismatch']);
  assert.deepEqual(problemsOf(() => parseCamt053(camt({ entries: [entry({ amount: '3', details: tx('<Amt Ccy="IDR">3</Amt>') + tx('<Refs><TxId>X</TxId></Refs>') })] }))).map((p) => p.rule), ['amount_missing']);
  // a single TxDtls is not a batch: the entry's amount and ref stand
  const single = parseCamt053(camt({ entries: [entry({ ref: 'S', amount: '5000', details: tx('<Amt Ccy="IDR">4999</Amt>') })] })).lines;
  assert.deepEqual(single.map((l) => [l.bankRef, l.amount]), [['S', 5000]]);
});

test('payment codes: structured reference first, then free text; a wrong check digit or two codes give none', () => {
  const code = (o: EntryOpts) => parseCamt053(camt({ entries: [entry(o)] })).lines[0]!.paymentCode;
  const rmt = (inner: string, refs = '') => tx(`${refs}<RmtInf>${inner}</RmtInf>`);
  assert.equal(code({ details: rmt('<Ustrd>VA810000000000018/NOV</Ustrd>') }), '810000000000018');
  assert.equal(code({ details: rmt('<Ustrd>8100000000000180</Ustrd>') }), null, 'part of a 16-digit number');
  assert.equal(code({ details: rmt('<Ustrd>810000000000019</Ustrd>') }), null, 'wrong check digit');
  assert.equal(code({ details: rmt('<Ustrd>810000000000018 DAN 820000000000172</Ustrd>') }), null, 'two codes: unknown');
  assert.equal(code({ details: rmt('<Ustrd>810000000000018</Ustrd><Ustrd>ULANG 810000000000018</Ustrd>') }), '810000000000018', 'the same code twice');
  assert.equal(code({ details: rmt('<Ustrd>KODE 810000000000018</Ustrd><Strd><CdtrRefInf><Ref>820000000000172</Ref></CdtrRefInf></Strd>') }), '820000000000172', 'structured wins');
  assert.equal(code({ details: rmt('<Ustrd>KODE 810000000000018</Ustrd><Strd><CdtrRefInf><Ref>820000000000171</Ref></CdtrRefInf></Strd>') }), '810000000000018', 'an invalid structured code leaves the text');
  assert.equal(code({ details: rmt('<Ustrd>IURAN</Ustrd>', '<Refs><EndToEndId>830000000001236</EndToEndId></Refs>') }), '830000000001236', 'in the EndToEndId');
  assert.equal(code({ info: 'SETORAN 840000000000426' }), '840000000000426', 'in AddtlNtryInf of a plain entry');
});

test('isPaymentCode: 8, segment 1–4, 12 digits, Luhn over the first 14; every single mistyped digit is caught', () => {
  for (const body of ['81000000000001', '82000000000017', '83000000000123', '84000000000042']) {
    assert.ok(isPaymentCode(`${body}${luhnCheckDigit(body)}`), body);
  }
  assert.ok(!isPaymentCode('850000000000015'), 'segment 5');
  assert.ok(!isPaymentCode('80000000000001' + luhnCheckDigit('80000000000001')), 'segment 0');
  assert.ok(!isPaymentCode('91000000000001' + luhnCheckDigit('91000000000001')), 'not starting with 8');
  assert.ok(!isPaymentCode('81000000000001'), '14 digits');
  const good = '830000000001236';
  for (let i = 2; i < good.length; i++) {
    for (let d = 0; d <= 9; d++) {
      if (String(d) === good[i]) continue;
      assert.ok(!isPaymentCode(good.slice(0, i) + d + good.slice(i + 1)), `digit ${i} → ${d}`);
    }
  }
  assert.deepEqual(findPaymentCodes('a 810000000000018, b 820000000000172, c 810000000000018, d 810000000000019'), ['810000000000018', '820000000000172']);
});

test('parseXmlAmount reads the decimal text exactly', () => {
  const value = (raw: string, allowZero = false) => {
    const r = parseXmlAmount(raw, undefined, allowZero);
    return r.ok ? r.value : r.rule;
  };
  assert.equal(value('2875000.00'), 2_875_000);
  assert.equal(value('2875000'), 2_875_000);
  assert.equal(value('100.000'), 100);
  assert.equal(value('100.001'), 'amount_fraction');
  assert.equal(value('0.1'), 'amount_fraction');
  assert.equal(value('0'), 'amount_positive');
  assert.equal(value('0', true), 0);
  assert.equal(value('-1'), 'amount_positive');
  assert.equal(value('+1'), 'amount_format');
  assert.equal(value(' 1'), 'amount_format');
  assert.equal(value('.5'), 'amount_format');
  assert.equal(value('9007199254740993'), 'amount_too_large');
});

// ————————————————————————————————————————— CSV

test('a BNI CSV with semicolons and Indonesian headers becomes lines', () => {
  const text = fixture('bank-bni-2026-11-20.csv');
  const s = parseStatement(text, 'bank-bni-2026-11-20.csv');
  assert.equal(s.format, 'csv');
  assert.equal(s.date, '2026-11-20');
  assert.equal(s.account, '');
  assert.equal(s.currency, 'IDR');
  assert.deepEqual([s.openingBalance, s.closingBalance], [null, null]);
  assert.match(s.statementId, /^CSV-[0-9a-f]{16}$/);
  assert.equal(parseStatementCsv(text).statementId, s.statementId, 'the same file, the same id');
  assert.deepEqual(s.lines.map((l) => [l.lineNo, l.bankRef, l.bookingDate, l.valueDate, l.amount, l.direction, l.paymentCode, l.channelTxId, l.description]), [
    [1, 'BNI2011260000001', '2026-11-20', '2026-11-20', 1_500_000, 'credit', '810000000000588', 'VA0098123', 'IURAN PU 11/2026 PT CAHAYA NUSANTARA'],
    [2, 'BNI2011260000002', '2026-11-20', '2026-11-20', 36_800, 'credit', '820000000000180', 'VA0098124', 'IURAN BPU NOV 2026'],
    // a time after the date; a quoted description with a semicolon; the code in the description
    [3, 'BNI2011260000003', '2026-11-20', '2026-11-20', 2_875_000, 'credit', '830000000002010', null, 'TRF IURAN 830000000002010; CV BANGUN JAYA'],
    // a code with spaces and a wrong check digit
    [4, 'BNI2011260000004', '2026-11-20', null, 250_000, 'credit', null, null, 'SALAH KETIK KODE'],
    [5, 'BNI2011260000005', '2026-11-20', null, 1_250_000, 'credit', null, null, 'SETORAN TUNAI'],
    // after a blank line
    [6, 'BNI2011260000006', '2026-11-20', '2026-11-20', 6_500, 'debit', null, null, 'BIAYA ADMIN'],
  ]);
});

test('a broken CSV reports every row problem with the line an editor shows', () => {
  const problems = problemsOf(() => parseStatement(fixture('broken-bni.csv'), 'broken-bni.csv'));
  assert.deepEqual(problems.map((p) => `${p.line}:${p.field}:${p.rule}`), [
    '3:amount:amount_ambiguous',
    '4:amount:amount_fraction',
    '5:bookingDate:date_invalid',
    '6:bankRef:bank_ref_missing',
    '7:direction:direction',
    '8:bankRef:duplicate_bank_ref',
    '9:file:column_count',
    '10:amount:amount_positive',
  ]);
  assert.deepEqual(problems[1]!.message, {
    id: 'Baris 4: jumlah Rp 100.50 memiliki pecahan; rupiah harus bulat',
    en: 'Line 4: amount 100.50 has a fraction; rupiah must be whole',
  });
  assert.match(problems[0]!.message.id, /^Baris 3: jumlah "1\.500" bermakna ganda/);
  assert.match(problems[5]!.message.en, /BNI-X-0001 is already used on line 2/);
});

test('parseCsvAmount follows the documented rule and refuses what could mean two things', () => {
  const value = (raw: string) => {
    const r = parseCsvAmount(raw);
    return r.ok ? r.value : r.rule;
  };
  const cases: [string, number | string][] = [
    ['1500000', 1_500_000],
    ['1.500.000', 1_500_000],
    ['1,500,000', 1_500_000],
    ['1.500.000,00', 1_500_000],
    ['1,500,000.00', 1_500_000],
    ['1500,00', 1_500],
    ['1500.00', 1_500],
    ['1500,0', 1_500],
    ['Rp 1.500.000', 1_500_000],
    ['Rp1.500.000,00', 1_500_000],
    ['IDR 36800', 36_800],
    [' 36800 ', 36_800],
    ['1.500', 'amount_ambiguous'],
    ['1,500', 'amount_ambiguous'],
    ['150.000', 'amount_ambiguous'],
    ['1500.000', 'amount_ambiguous'],
    ['100.50', 'amount_fraction'],
    ['100,50', 'amount_fraction'],
    ['1.500.000,50', 'amount_fraction'],
    ['1,500,000.01', 'amount_fraction'],
    ['0', 'amount_positive'],
    ['0,00', 'amount_positive'],
    ['-5000', 'amount_positive'],
    ['(5000)', 'amount_positive'],
    ['', 'amount_missing'],
    ['Rp', 'amount_missing'],
    ['1.50.000', 'amount_format'],
    ['1.500,000.00', 'amount_format'],
    ['1,500.000,00', 'amount_format'],
    ['15.00.000,00', 'amount_format'],
    ['1 500 000', 'amount_format'],
    ['1500.', 'amount_format'],
    ['.500', 'amount_format'],
    ['1.5e6', 'amount_format'],
    ['+5000', 'amount_format'],
    ['1.000.000.000.000.000', 'amount_too_large'],
  ];
  for (const [raw, expected] of cases) assert.equal(value(raw), expected, `"${raw}"`);
});

test('parseCsvDate reads YYYY-MM-DD and DD/MM/YYYY, ignoring a time', () => {
  assert.equal(parseCsvDate('2026-11-20'), '2026-11-20');
  assert.equal(parseCsvDate('20/11/2026'), '2026-11-20');
  assert.equal(parseCsvDate('5/1/2026'), '2026-01-05');
  assert.equal(parseCsvDate('20/11/2026 10:42'), '2026-11-20');
  assert.equal(parseCsvDate('20/11/2026 10:42:05'), '2026-11-20');
  assert.equal(parseCsvDate('2026-11-20T10:42:05'), '2026-11-20');
  assert.equal(parseCsvDate('29/02/2028'), '2028-02-29');
  for (const bad of ['29/02/2026', '31/11/2026', '11/31/2026', '2026-13-01', '20-11-2026', '2026/11/20', '20/11/26', '']) {
    assert.equal(parseCsvDate(bad), null, bad);
  }
});

test('CSV: English headers with commas, optional columns, the statement date, account and id', () => {
  const csv = [
    'DATE,Reference,payment-code,Amount,Direction,Description,Transaction ID,Value Date,Account,Currency',
    '2026-11-19,R1,810000000000018,"1,000,000.00",credit,first,TX1,2026-11-20,0001112223,IDR',
    '2026-11-20,R2,,"2.500,00",DB,second,,,0001112223,idr',
  ].join('\n');
  const s = parseStatementCsv(csv);
  assert.equal(s.date, '2026-11-20', 'the latest booking date');
  assert.equal(s.account, '0001112223');
  assert.deepEqual(s.lines.map((l) => [l.bankRef, l.amount, l.direction, l.paymentCode, l.channelTxId, l.valueDate]), [
    ['R1', 1_000_000, 'credit', '810000000000018', 'TX1', '2026-11-20'],
    ['R2', 2_500, 'debit', null, null, null],
  ]);
  const given = parseStatementCsv(csv, { date: '2026-11-21', account: '0001112223', statementId: 'BNI-2026-11-21' });
  assert.deepEqual([given.date, given.account, given.statementId], ['2026-11-21', '0001112223', 'BNI-2026-11-21']);
  assert.deepEqual(rulesOf(() => parseStatementCsv(csv, { account: '999' })), ['null:account:account_mismatch']);
  assert.deepEqual(rulesOf(() => parseStatementCsv(csv, { date: '2026-02-30' })), ['null:date:date_invalid']);
  assert.deepEqual(rulesOf(() => parseStatementCsv(csv.replace(',0001112223,idr', ',0009998887,idr'))), ['null:account:account_mixed']);
  assert.deepEqual(rulesOf(() => parseStatementCsv(csv.replace(',0001112223,idr', ',0001112223,USD'))), ['3:currency:currency']);
  // the date in the file name
  assert.equal(parseStatement(csv, 'mutasi-2026-11-22.csv').date, '2026-11-22');
  assert.equal(parseStatement(csv, 'mutasi.csv').date, '2026-11-20');
});

test('CSV directions in Indonesian and English', () => {
  const header = 'tanggal;referensi;kode_bayar;jumlah;arah;keterangan';
  const rows = ['K', 'kredit', 'CR', 'C', 'Credit', 'D', 'debet', 'Debit', 'DB', 'DR'].map((a, i) => `2026-11-20;R${i};;1000;${a};`);
  const s = parseStatementCsv([header, ...rows].join('\n'));
  assert.deepEqual(s.lines.map((l) => l.direction), ['credit', 'credit', 'credit', 'credit', 'credit', 'debit', 'debit', 'debit', 'debit', 'debit']);
  assert.deepEqual(rulesOf(() => parseStatementCsv(`${header}\n2026-11-20;R1;;1000;;`)), ['2:direction:direction']);
});

test('CSV header problems stop before the rows; an empty file or one without rows', () => {
  const missing = problemsOf(() => parseStatementCsv('tanggal;referensi;jumlah;arah\n2026-11-20;R1;not-an-amount;?'));
  assert.deepEqual(missing.map((p) => `${p.line}:${p.field}:${p.rule}`), ['1:header:header_missing', '1:header:header_missing']);
  assert.match(missing[0]!.message.id, /kolom kode_bayar \(atau payment_code\) tidak ada/);
  assert.deepEqual(rulesOf(() => parseStatementCsv('tanggal;date;referensi;kode_bayar;jumlah;arah;keterangan\n')), ['1:header:header_duplicate']);
  assert.deepEqual(rulesOf(() => parseStatementCsv('')), ['null:file:empty_file']);
  assert.deepEqual(rulesOf(() => parseStatementCsv('\n \n')), ['null:file:empty_file']);
  const headerOnly = 'tanggal;referensi;kode_bayar;jumlah;arah;keterangan\n';
  assert.deepEqual(rulesOf(() => parseStatementCsv(headerOnly)), ['null:date:date_missing']);
  assert.deepEqual(parseStatementCsv(headerOnly, { date: '2026-11-20' }).lines, []);
});

test('CSV lines count as an editor does: CRLF, blank lines and line breaks inside quotes', () => {
  const csv = 'tanggal;referensi;kode_bayar;jumlah;arah;keterangan\r\n\r\n2026-11-20;R1;;1000;K;"two\r\nlines"\r\n2026-11-20;R2;;1.000;K;x\r\n;;;;;\r\n2026-11-20;R3;;1000;K;x;extra\r\n2026-11-20;R4;;1000;K;x;\r\n';
  assert.deepEqual(rulesOf(() => parseStatementCsv(csv)), ['5:amount:amount_ambiguous', '7:file:column_count']);
  const fixed = parseStatementCsv(csv.replace('1.000', '1000').replace(';x;extra', ';x'));
  assert.deepEqual(fixed.lines.map((l) => [l.lineNo, l.bankRef, l.description]), [[1, 'R1', 'two lines'], [2, 'R2', 'x'], [3, 'R3', 'x'], [4, 'R4', 'x']]);
  // an unclosed quote
  const unclosed = problemsOf(() => parseStatementCsv('tanggal;referensi;kode_bayar;jumlah;arah;keterangan\n2026-11-20;R1;;1000;K;"open\n'));
  assert.deepEqual(unclosed.map((p) => p.rule), ['csv_malformed']);
});

// ————————————————————————————————————————— either format

test('parseStatement tells XML from CSV by content, then by file name', () => {
  const xml = fixture('bank-mandiri-2026-11-20.camt053-v08.xml');
  assert.equal(parseStatement(xml, 'upload.csv').format, 'camt.053');
  assert.equal(parseStatement(`\uFEFF  \n${xml}`).format, 'camt.053');
  assert.deepEqual(rulesOf(() => parseStatement('tanggal;referensi', 'statement.XML')), ['null:file:not_xml']);
  // blank lines before the declaration are tolerated, and problem lines still match the file
  const shifted = problemsOf(() => parseStatement(`\n\n${fixture('broken-entries.camt053.xml')}`));
  assert.deepEqual(shifted.slice(0, 2).map((p) => p.line), [39, 47]);
  assert.deepEqual(problemsOf(() => parseStatement('\n\n<Document>\n<a></b>\n</Document>')).map((p) => p.line), [4]);
  assert.equal(parseStatement(`\uFEFF${fixture('bank-bni-2026-11-20.csv')}`).format, 'csv');
  assert.deepEqual(rulesOf(() => parseStatement('PK\u0003\u0004\u0000\u0000xl/workbook.xml', 'mutasi.xlsx')), ['null:file:not_text']);
});

test('StatementError is an Error that names the first problems', () => {
  let error: unknown;
  try {
    parseStatement(fixture('broken-bni.csv'));
  } catch (e) {
    error = e;
  }
  assert.ok(error instanceof Error && error instanceof StatementError);
  assert.equal(error.name, 'StatementError');
  assert.match(error.message, /^The bank statement has 8 problem\(s\): Line 3: amount "1\.500" is ambiguous/);
  assert.equal(error.problems.length, 8);
});
