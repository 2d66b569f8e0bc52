import { test } from 'node:test';
import assert from 'node:assert/strict';
import QRCode from 'qrcode';
import {
  buildQrisPayload,
  crc16ccitt,
  parseQrisPayload,
  qrisAmount,
  QrisError,
  qrisSvg,
  qrisText,
  type QrisPayloadInput,
} from './qris.ts';

/** EMVCo MPM v1.1 sample payload (Annex), as reproduced in several EMV QR libraries; published CRC A13A. */
const EMVCO_SAMPLE =
  '00020101021229300012D156000000000510A93FO3230Q31280012D15600000001030812345678520441115802CN' +
  '5914BEST TRANSPORT6007BEIJING64200002ZH0104最佳运输0202北京540523.72530315655020162330304123406' +
  '03***0708A60086670902ME91320016A0112233449988770708123456786304A13A';

/** A GoPay-acquired QRIS published in Netzme's SNAP API docs (apidocs-vsnap.netzme.id, "QRIS Dynamic"). */
const NETZME_QRIS_SAMPLE =
  '00020101021126590014COM.GO-JEK.WWW011693600814947099000210G4362512730303UME51440014ID.CO.QRIS.WWW' +
  '0215ID20190000016270303UME52045812530336054032005502035702205802ID5913Kantin GO-PAY6015Jakarta Selatan' +
  '61051216062070703A0163047DAC';

const INPUT: QrisPayloadInput = {
  merchantName: 'BPJS Ketenagakerjaan',
  merchantCity: 'Jakarta Selatan',
  postalCode: '12920',
  merchantPan: '9360000812345678901',
  nmid: 'ID1020021181745',
  mcc: '6300',
  amount: 36_800,
  billNumber: '912345678901234',
  terminalLabel: 'LINDUNG-WEB',
};

/** Each data object spelt out; the CRC A2AB was checked independently with Python's binascii.crc_hqx(…, 0xFFFF). */
const EXPECTED_PAYLOAD = [
  '000201',
  '010212',
  '2667' + '0014ID.CO.QRIS.WWW' + '01199360000812345678901' + '0215ID1020021181745' + '0303UBE',
  '5144' + '0014ID.CO.QRIS.WWW' + '0215ID1020021181745' + '0303UBE',
  '52046300',
  '5303360',
  '540536800',
  '5802ID',
  '5920BPJS KETENAGAKERJAAN',
  '6015JAKARTA SELATAN',
  '610512920',
  '6234' + '0115912345678901234' + '0711LINDUNG-WEB',
  '6304A2AB',
].join('');

/** body + '6304' + its CRC: lets a test build a payload whose CRC is right but whose structure is not. */
const withCrc = (body: string) => `${body}6304${crc16ccitt(`${body}6304`)}`;

function throwsQris(fn: () => unknown, code: QrisError['code'], ...parts: (string | RegExp)[]) {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof QrisError, `expected QrisError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    assert.match(error.message, / \/ /, 'message is "Bahasa Indonesia / English"');
    for (const part of parts) {
      if (typeof part === 'string') assert.ok(error.message.includes(part), `"${error.message}" should mention "${part}"`);
      else assert.match(error.message, part);
    }
    return true;
  });
}

test('CRC-16/CCITT-FALSE matches the standard check value', () => {
  assert.equal(crc16ccitt('123456789'), '29B1');
  assert.equal(crc16ccitt(''), 'FFFF');
});

test('CRC matches the EMVCo MPM sample, computed over UTF-8 bytes including 6304', () => {
  assert.equal(crc16ccitt(EMVCO_SAMPLE.slice(0, -4)), 'A13A');
});

test('CRC matches a published QRIS sample', () => {
  assert.equal(crc16ccitt(NETZME_QRIS_SAMPLE.slice(0, -4)), '7DAC');
});

test('a dynamic payload has every data object in order and a correct CRC', () => {
  const payload = buildQrisPayload(INPUT);
  assert.equal(payload, EXPECTED_PAYLOAD);
  assert.equal(payload.slice(-4), crc16ccitt(payload.slice(0, -4)));
});

test('a built payload reads back to what went in', () => {
  const parsed = parseQrisPayload(buildQrisPayload(INPUT));
  assert.equal(parsed.payloadFormat, '01');
  assert.equal(parsed.pointOfInitiation, 'dynamic');
  assert.equal(parsed.merchantPan, INPUT.merchantPan);
  assert.equal(parsed.nmid, INPUT.nmid);
  assert.equal(parsed.merchantCriteria, 'UBE');
  assert.deepEqual(parsed.merchantAccounts['26'], {
    '00': 'ID.CO.QRIS.WWW',
    '01': INPUT.merchantPan,
    '02': INPUT.nmid,
    '03': 'UBE',
  });
  assert.deepEqual(parsed.merchantAccounts['51'], { '00': 'ID.CO.QRIS.WWW', '02': INPUT.nmid, '03': 'UBE' });
  assert.equal(parsed.mcc, '6300');
  assert.equal(parsed.currency, '360');
  assert.equal(parsed.amount, 36_800);
  assert.equal(parsed.amountText, '36800');
  assert.equal(parsed.countryCode, 'ID');
  assert.equal(parsed.merchantName, 'BPJS KETENAGAKERJAAN');
  assert.equal(parsed.merchantCity, 'JAKARTA SELATAN');
  assert.equal(parsed.postalCode, '12920');
  assert.equal(parsed.billNumber, INPUT.billNumber);
  assert.equal(parsed.terminalLabel, 'LINDUNG-WEB');
  assert.equal(parsed.crc, EXPECTED_PAYLOAD.slice(-4));
});

test('optional parts are left out when not given', () => {
  const payload = buildQrisPayload({ ...INPUT, postalCode: undefined, terminalLabel: undefined });
  const parsed = parseQrisPayload(payload);
  assert.equal(parsed.postalCode, undefined);
  assert.equal(parsed.terminalLabel, undefined);
  assert.deepEqual(parsed.additionalData, { '01': INPUT.billNumber });
  assert.ok(!('61' in parsed.tags));
});

test('criteria and the acquirer part of template 26 can be set', () => {
  const parsed = parseQrisPayload(
    buildQrisPayload({ ...INPUT, merchantCriteria: 'UMI', acquirerGuid: 'ID.CO.BANKXYZ.WWW', acquirerMerchantId: 'G628593655' }),
  );
  assert.deepEqual(parsed.merchantAccounts['26'], {
    '00': 'ID.CO.BANKXYZ.WWW',
    '01': INPUT.merchantPan,
    '02': 'G628593655',
    '03': 'UMI',
  });
  assert.equal(parsed.merchantAccounts['51']?.['00'], 'ID.CO.QRIS.WWW');
  assert.equal(parsed.merchantCriteria, 'UMI');
});

test('names and cities become upper-case ASCII as QRIS stickers show them', () => {
  assert.equal(qrisText('  Café  Sejahtera Ñ '), 'CAFE SEJAHTERA N');
  assert.equal(qrisText('Warung 🍜 Bu Siti 最佳'), 'WARUNG BU SITI');
  const parsed = parseQrisPayload(buildQrisPayload({ ...INPUT, merchantName: 'Koperasi Željko', merchantCity: 'Bandung' }));
  assert.equal(parsed.merchantName, 'KOPERASI ZELJKO');
  assert.equal(parsed.merchantCity, 'BANDUNG');
});

test('the amount is whole rupiah: positive safe integers of at most 13 digits', () => {
  assert.equal(qrisAmount(1), '1');
  assert.equal(qrisAmount(9_999_999_999_999), '9999999999999');
  for (const bad of [0, -1, 1.5, 0.1, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, '1000' as unknown as number]) {
    throwsQris(() => buildQrisPayload({ ...INPUT, amount: bad }), 'invalid_field', 'Jumlah pembayaran', 'Payment amount');
  }
  throwsQris(() => qrisAmount(10_000_000_000_000), 'field_too_long', 'Jumlah pembayaran', 'Payment amount', '13');
});

test('fields that are too long are named in both languages', () => {
  const name25 = 'A'.repeat(25);
  assert.equal(parseQrisPayload(buildQrisPayload({ ...INPUT, merchantName: name25 })).merchantName, name25);
  throwsQris(() => buildQrisPayload({ ...INPUT, merchantName: 'A'.repeat(26) }), 'field_too_long', 'Nama merchant', 'Merchant name', '25');
  throwsQris(() => buildQrisPayload({ ...INPUT, merchantCity: 'Kota Administrasi' }), 'field_too_long', 'Kota merchant', 'Merchant city', '15');
  throwsQris(() => buildQrisPayload({ ...INPUT, merchantPan: '9'.repeat(20) }), 'field_too_long', 'PAN merchant', 'Merchant PAN', '19');
  throwsQris(() => buildQrisPayload({ ...INPUT, terminalLabel: 'T'.repeat(26) }), 'field_too_long', 'Label terminal', 'Terminal label');
  throwsQris(() => buildQrisPayload({ ...INPUT, billNumber: '9'.repeat(16) }), 'field_too_long', 'Nomor tagihan', 'Bill number');
});

test('fields in the wrong form are named in both languages', () => {
  throwsQris(() => buildQrisPayload({ ...INPUT, merchantName: '🍜🍜' }), 'invalid_field', 'Nama merchant wajib diisi', 'Merchant name is required');
  throwsQris(() => buildQrisPayload({ ...INPUT, merchantCity: '' }), 'invalid_field', 'Kota merchant', 'Merchant city');
  throwsQris(() => buildQrisPayload({ ...INPUT, merchantPan: '93600A' }), 'invalid_field', 'PAN merchant', 'Merchant PAN');
  throwsQris(() => buildQrisPayload({ ...INPUT, nmid: '1020021181745' }), 'invalid_field', 'NMID');
  throwsQris(() => buildQrisPayload({ ...INPUT, mcc: '630' }), 'invalid_field', 'MCC');
  throwsQris(() => buildQrisPayload({ ...INPUT, billNumber: '91234567890123' }), 'invalid_field', 'Nomor tagihan', 'Bill number', '15');
  throwsQris(() => buildQrisPayload({ ...INPUT, billNumber: '91234567890123X' }), 'invalid_field', 'Nomor tagihan');
  throwsQris(() => buildQrisPayload({ ...INPUT, postalCode: '1292' }), 'invalid_field', 'Kode pos', 'Postal code');
  throwsQris(() => buildQrisPayload({ ...INPUT, terminalLabel: 'kasir é' }), 'invalid_field', 'Label terminal');
  throwsQris(
    () => buildQrisPayload({ ...INPUT, merchantCriteria: 'XXX' as QrisPayloadInput['merchantCriteria'] }),
    'invalid_field',
    'Kriteria merchant',
    'UMI, UKE, UME, UBE, URE',
  );
  throwsQris(() => buildQrisPayload({ ...INPUT, acquirerGuid: 'not a domain' }), 'invalid_field', 'GUID');
});

test('reads a published QRIS sample: templates 26 and 51, criteria, whole-rupiah amount', () => {
  const parsed = parseQrisPayload(NETZME_QRIS_SAMPLE);
  assert.equal(parsed.pointOfInitiation, 'static');
  assert.equal(parsed.merchantAccounts['26']?.['00'], 'COM.GO-JEK.WWW');
  assert.equal(parsed.merchantPan, '9360081494709900');
  assert.equal(parsed.nmid, 'ID2019000001627');
  assert.equal(parsed.merchantCriteria, 'UME');
  assert.equal(parsed.amount, 200);
  assert.equal(parsed.merchantName, 'Kantin GO-PAY');
  assert.equal(parsed.postalCode, '12160');
  assert.equal(parsed.terminalLabel, 'A01');
  assert.equal(parsed.tags['55'], '03');
});

test('reads the EMVCo sample: other currencies keep their decimal amount, multibyte template 64', () => {
  const parsed = parseQrisPayload(EMVCO_SAMPLE);
  assert.equal(parsed.currency, '156');
  assert.equal(parsed.amount, undefined);
  assert.equal(parsed.amountText, '23.72');
  assert.equal(parsed.tags['64'], '0002ZH0104最佳运输0202北京');
  assert.equal(parsed.merchantCriteria, undefined);
  assert.deepEqual(parsed.additionalData, { '03': '1234', '06': '***', '07': 'A6008667', '09': 'ME' });
});

test('a damaged or altered payload fails its CRC', () => {
  const payload = buildQrisPayload(INPUT);
  const altered = payload.replace('540536800', '540516800');
  throwsQris(() => parseQrisPayload(altered), 'bad_crc', 'CRC tidak cocok', 'CRC mismatch');
  const wrongCrc = `${payload.slice(0, -4)}${payload.slice(-4) === '0000' ? '0001' : '0000'}`;
  throwsQris(() => parseQrisPayload(wrongCrc), 'bad_crc');
  // Hex case in the CRC itself does not matter.
  assert.equal(parseQrisPayload(payload.slice(0, -4) + payload.slice(-4).toLowerCase()).amount, 36_800);
});

test('a payload without its CRC object is refused', () => {
  const payload = buildQrisPayload(INPUT);
  throwsQris(() => parseQrisPayload(payload.slice(0, -8)), 'missing_tag', 'Tag 63', 'tidak ada', 'is missing');
  throwsQris(() => parseQrisPayload(''), 'bad_length', 'kosong', 'empty');
});

test('a wrong length is reported with the tag it belongs to', () => {
  const body = EXPECTED_PAYLOAD.slice(0, -8);
  // Merchant name claims 21 characters but has 20: the reader runs into the city.
  throwsQris(() => parseQrisPayload(withCrc(body.replace('5920BPJS', '5921BPJS'))), 'bad_length');
  // A length running past the end.
  throwsQris(() => parseQrisPayload(withCrc(`${body}6220ABC`)), 'bad_length', 'tag 62', 'Bad length');
  // Inside template 62: the terminal label claims 12 characters but 11 are left.
  const nested = body.replace('0711LINDUNG-WEB', '0712LINDUNG-WEB');
  throwsQris(() => parseQrisPayload(withCrc(nested)), 'bad_length', 'tag 62.07', 'Bad length for tag 62.07');
  // Inside template 62: the bill number claims 16, so the next tag is unreadable.
  const shifted = body.replace('6234' + '0115', '6234' + '0116');
  throwsQris(() => parseQrisPayload(withCrc(shifted)), 'bad_length', 'di dalam tag 62', 'inside tag 62');
  // Not digits where a length should be.
  throwsQris(() => parseQrisPayload(withCrc(body.replace('5802ID', '58XXID'))), 'bad_length', 'posisi', 'position');
});

test('a missing mandatory tag is named', () => {
  const body = EXPECTED_PAYLOAD.slice(0, -8);
  throwsQris(() => parseQrisPayload(withCrc(body.replace('5802ID', ''))), 'missing_tag', 'Tag 58 (kode negara)', 'Tag 58 (country code)');
  throwsQris(() => parseQrisPayload(withCrc(body.replace('5303360', ''))), 'missing_tag', 'Tag 53');
  throwsQris(() => parseQrisPayload(withCrc(body.replace('5920BPJS KETENAGAKERJAAN', ''))), 'missing_tag', 'Tag 59 (nama merchant)', 'Tag 59 (merchant name)');
  const noAccounts = body.replace(/2667.{67}/, '').replace(/5144.{44}/, '');
  throwsQris(() => parseQrisPayload(withCrc(noAccounts)), 'missing_tag', 'akun merchant', 'merchant account');
  throwsQris(() => parseQrisPayload(withCrc(body.slice('000201'.length))), 'missing_tag', 'Tag 00');
});

test('values in the wrong form are refused', () => {
  const body = EXPECTED_PAYLOAD.slice(0, -8);
  throwsQris(() => parseQrisPayload(withCrc(body.replace('540536800', '54010'))), 'bad_value', 'Tag 54');
  throwsQris(() => parseQrisPayload(withCrc(body.replace('540536800', '54071000.50'))), 'bad_value', 'rupiah harus bulat', 'rupiah must be whole');
  // '1.000' is Rp1.000 in Indonesian notation but 1 in EMV's; with 3 decimals it is refused, not misread.
  throwsQris(() => parseQrisPayload(withCrc(body.replace('540536800', '54051.000'))), 'bad_value', 'Tag 54', 'decimal');
  throwsQris(() => parseQrisPayload(withCrc(body.replace('540536800', '54051,000'))), 'bad_value', 'Tag 54');
  throwsQris(() => parseQrisPayload(withCrc(body.replace('010212', '010213'))), 'bad_value', 'Tag 01');
  throwsQris(() => parseQrisPayload(withCrc(body.replace('000201', '000202'))), 'bad_value', 'Tag 00');
  throwsQris(() => parseQrisPayload(withCrc(body.replace('010212', '0102125802ID'))), 'bad_value', 'dua kali', 'twice');
  throwsQris(() => parseQrisPayload(withCrc(body.replace('000201010212', '010212000201'))), 'bad_value', 'Tag 00', 'first');
});

test('amounts written with decimals read as whole rupiah when the decimals are zero', () => {
  const body = EXPECTED_PAYLOAD.slice(0, -8);
  assert.equal(parseQrisPayload(withCrc(body.replace('540536800', '540836800.00'))).amount, 36_800);
  assert.equal(parseQrisPayload(withCrc(body.replace('540536800', '54053680.'))).amount, 3_680);
});

test('the SVG is a QR code at error correction level M', async () => {
  const payload = buildQrisPayload(INPUT);
  const svg = await qrisSvg(payload);
  assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  assert.ok(svg.trimEnd().endsWith('</svg>'));
  const modules = QRCode.create(payload, { errorCorrectionLevel: 'M' }).modules.size;
  assert.notEqual(modules, QRCode.create(payload, { errorCorrectionLevel: 'H' }).modules.size);
  // 4 modules of quiet zone on each side.
  assert.ok(svg.includes(`viewBox="0 0 ${modules + 8} ${modules + 8}"`), svg.slice(0, 120));
});
