import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import {
  asymmetricStringToSign,
  checkTimestamp,
  minifyJson,
  signAsymmetric,
  signSymmetric,
  SNAP_CASES,
  SNAP_SERVICE_ACCESS_TOKEN_B2B,
  SNAP_SERVICE_VA_INQUIRY,
  SNAP_SERVICE_VA_PAYMENT,
  snapBodyHash,
  snapPublicKey,
  snapResponse,
  snapResponseCode,
  symmetricStringToSign,
  verifyAsymmetric,
  verifySymmetric,
  type SymmetricSignatureInput,
} from './snap.ts';

const SECRET = 'rahasia-klien-uji';

/** A VA inquiry as a bank sends it, pretty-printed (BCA's sample fields). */
const PRETTY_BODY = `{
  "partnerServiceId": "   12345",
  "customerNo": "123456789012345678",
  "virtualAccountNo": "   12345123456789012345678",
  "inquiryRequestId": "202202110909311234500001136962",
  "channelCode": 6011,
  "additionalInfo": {}
}`;
const MINIFIED_BODY =
  '{"partnerServiceId":"   12345","customerNo":"123456789012345678","virtualAccountNo":"   12345123456789012345678",' +
  '"inquiryRequestId":"202202110909311234500001136962","channelCode":6011,"additionalInfo":{}}';

const REQUEST: SymmetricSignatureInput = {
  method: 'POST',
  endpointUrl: '/v1.0/transfer-va/inquiry?channel=bca',
  accessToken: 'gp9HjjEj813Y9JGoqwOeOPWbnt4CUpvIJbU1mMU4a11MNDZ7Sg5u9a',
  body: PRETTY_BODY,
  timestamp: '2026-11-21T10:15:30+07:00',
};

/**
 * Computed independently with openssl on the minified body:
 *   printf '%s' "$BODY" | openssl dgst -sha256
 *   printf '%s' "$STRING_TO_SIGN" | openssl dgst -sha512 -hmac 'rahasia-klien-uji' -binary | base64
 */
const BODY_SHA256 = '2fc0ed39b313701c1fe75a920972621c35ab335d19ec6407431ab7771dd31d63';
const EXPECTED_SIGNATURE = 'PbAltOLgt9dRyfWgHWL9t+fXjTYHTx++sIP/ufz1vOiisiBGrId3FXDaeK1nuVXFrXXwGqoy5MNki0jLrE7xMA==';

test('minify removes whitespace between tokens and keeps everything else as sent', () => {
  assert.equal(minifyJson(PRETTY_BODY), MINIFIED_BODY);
  assert.equal(minifyJson(MINIFIED_BODY), MINIFIED_BODY);
  // Spaces inside strings, escapes, number spelling, big integers and key order survive.
  const body = '{ "b" : "Jokul  Doe", "1": 2, "amount": 10000.00, "big": 12345678901234567890, "url": "a\\/b \\" c", "u": "\\u00e9" }';
  assert.equal(minifyJson(body), '{"b":"Jokul  Doe","1":2,"amount":10000.00,"big":12345678901234567890,"url":"a\\/b \\" c","u":"\\u00e9"}');
  assert.equal(minifyJson('\r\n\t[ 1 ,\n 2 ]\n'), '[1,2]');
});

test('no body signs as the empty string', () => {
  assert.equal(minifyJson(''), '');
  assert.equal(minifyJson('  \n'), '');
  assert.equal(snapBodyHash(''), crypto.createHash('sha256').update('').digest('hex'));
});

test('a body that is not JSON is refused in both languages', () => {
  assert.throws(() => minifyJson('{"a":'), /bukan JSON .* \/ .*not valid JSON/);
  assert.throws(() => minifyJson('a=1&b=2'), /not valid JSON/);
});

test('the string to sign follows the SNAP formula', () => {
  assert.equal(snapBodyHash(PRETTY_BODY), BODY_SHA256);
  assert.equal(
    symmetricStringToSign({ ...REQUEST, method: 'post' }),
    `POST:/v1.0/transfer-va/inquiry?channel=bca:${REQUEST.accessToken}:${BODY_SHA256}:2026-11-21T10:15:30+07:00`,
  );
});

test('the symmetric signature matches an independently computed HMAC-SHA512', () => {
  const signature = signSymmetric(SECRET, REQUEST);
  assert.equal(signature, EXPECTED_SIGNATURE);
  assert.equal(Buffer.from(signature, 'base64').length, 64);
});

test('a signed request verifies, also when the body is reformatted', () => {
  const signature = signSymmetric(SECRET, REQUEST);
  assert.ok(verifySymmetric(SECRET, REQUEST, signature));
  assert.ok(verifySymmetric(SECRET, { ...REQUEST, body: MINIFIED_BODY }, signature));
  const reformatted = PRETTY_BODY.replace(/^ {2}/gm, '\t').replace(/": /g, '" :  ').replace(/\n/g, '\r\n');
  assert.notEqual(reformatted, PRETTY_BODY);
  assert.ok(verifySymmetric(SECRET, { ...REQUEST, body: reformatted }, signature));
  assert.ok(verifySymmetric(SECRET, { ...REQUEST, method: 'post' }, signature));
});

test('changing the body, method, path, query, token, timestamp or secret breaks the signature', () => {
  const signature = signSymmetric(SECRET, REQUEST);
  const tampered: [string, SymmetricSignatureInput][] = [
    ['amount in body', { ...REQUEST, body: PRETTY_BODY.replace('6011', '6010') }],
    ['space inside a string', { ...REQUEST, body: PRETTY_BODY.replace('"   12345"', '"  12345"') }],
    ['method', { ...REQUEST, method: 'PUT' }],
    ['path', { ...REQUEST, endpointUrl: '/v1.0/transfer-va/payment?channel=bca' }],
    ['query', { ...REQUEST, endpointUrl: '/v1.0/transfer-va/inquiry' }],
    ['token', { ...REQUEST, accessToken: `${REQUEST.accessToken}x` }],
    ['timestamp', { ...REQUEST, timestamp: '2026-11-21T10:15:31+07:00' }],
  ];
  for (const [what, request] of tampered) assert.equal(verifySymmetric(SECRET, request, signature), false, what);
  assert.equal(verifySymmetric('rahasia-lain', REQUEST, signature), false, 'secret');
});

test('a malformed signature gives false, never an exception', () => {
  const signature = signSymmetric(SECRET, REQUEST);
  const bad = [
    undefined,
    '',
    'not base64!',
    signature.slice(0, -2), // unpadded
    signature.slice(4), // shorter
    `${signature.slice(0, -2)}AA`, // padding replaced: 66 bytes
    Buffer.from(signature, 'base64').toString('hex'), // hex instead of Base64
    `${signature} `,
    crypto.createHmac('sha256', SECRET).update(symmetricStringToSign(REQUEST)).digest('base64'), // right key, wrong length
  ];
  for (const candidate of bad) assert.equal(verifySymmetric(SECRET, REQUEST, candidate), false, String(candidate));
  assert.equal(verifySymmetric(SECRET, REQUEST, 42 as unknown as string), false);
  // Bad requests or an empty secret are false too, not exceptions.
  assert.equal(verifySymmetric('', REQUEST, signature), false);
  assert.equal(verifySymmetric(SECRET, { ...REQUEST, body: '{"broken":' }, signature), false);
  assert.equal(verifySymmetric(SECRET, { ...REQUEST, endpointUrl: 'https://example.com/x' }, signature), false);
  assert.equal(verifySymmetric(SECRET, { ...REQUEST, method: 'PO ST' }, signature), false);
  assert.equal(verifySymmetric(SECRET, { ...REQUEST, accessToken: '' }, signature), false);
});

test('signing refuses bad input with bilingual messages', () => {
  assert.throws(() => signSymmetric('', REQUEST), /Client secret kosong \/ The client secret is empty/);
  assert.throws(() => signSymmetric(SECRET, { ...REQUEST, endpointUrl: 'v1.0/x' }), /relatif .* \/ .*relative path/);
  assert.throws(() => signSymmetric(SECRET, { ...REQUEST, timestamp: '' }), /X-TIMESTAMP kosong \/ X-TIMESTAMP is empty/);
});

const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});
const CLIENT_KEY = 'bank-mitra-0001';
const TIMESTAMP = '2026-11-21T10:15:30+07:00';

test('the access-token signature is SHA256withRSA over clientKey|timestamp', () => {
  assert.equal(asymmetricStringToSign(CLIENT_KEY, TIMESTAMP), 'bank-mitra-0001|2026-11-21T10:15:30+07:00');
  const signature = signAsymmetric(privateKey, CLIENT_KEY, TIMESTAMP);
  // Anyone's textbook RSA-SHA256 verifier agrees.
  const verifier = crypto.createVerify('RSA-SHA256').update('bank-mitra-0001|2026-11-21T10:15:30+07:00');
  assert.ok(verifier.verify(publicKey, signature, 'base64'));
  assert.ok(verifyAsymmetric(publicKey, CLIENT_KEY, TIMESTAMP, signature));
});

test('an access-token signature fails for another client key, timestamp or key pair', () => {
  const signature = signAsymmetric(privateKey, CLIENT_KEY, TIMESTAMP);
  assert.equal(verifyAsymmetric(publicKey, 'bank-mitra-0002', TIMESTAMP, signature), false);
  assert.equal(verifyAsymmetric(publicKey, CLIENT_KEY, '2026-11-21T10:15:31+07:00', signature), false);
  const other = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  assert.equal(verifyAsymmetric(other.publicKey, CLIENT_KEY, TIMESTAMP, signature), false);
  for (const bad of [undefined, '', '!!', signature.slice(0, -4), Buffer.from(signature, 'base64').toString('hex')]) {
    assert.equal(verifyAsymmetric(publicKey, CLIENT_KEY, TIMESTAMP, bad), false, String(bad));
  }
  assert.equal(verifyAsymmetric(publicKey, '', TIMESTAMP, signature), false);
});

test('partner public keys are read as PEM, PKCS#1 PEM or bare Base64 DER; anything else is a configuration error', () => {
  const signature = signAsymmetric(privateKey, CLIENT_KEY, TIMESTAMP);
  const keyObject = crypto.createPublicKey(publicKey);
  const pkcs1 = keyObject.export({ type: 'pkcs1', format: 'pem' }).toString();
  const bareDer = keyObject.export({ type: 'spki', format: 'der' }).toString('base64');
  for (const form of [pkcs1, bareDer, keyObject]) assert.ok(verifyAsymmetric(form, CLIENT_KEY, TIMESTAMP, signature));
  assert.throws(() => snapPublicKey('-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----'), /tidak terbaca \/ .*cannot be read/);
  assert.throws(() => verifyAsymmetric('garbage', CLIENT_KEY, TIMESTAMP, signature), /cannot be read/);
  assert.throws(() => snapPublicKey(privateKey.replace(/PRIVATE/g, 'PUBLIC')), /cannot be read/);
  const ec = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  assert.throws(() => snapPublicKey(ec.publicKey), /RSA public key/);
});

const NOW = new Date('2026-11-21T03:15:30Z'); // 10:15:30 WIB

test('a timestamp with an explicit offset within the skew is accepted', () => {
  assert.deepEqual(checkTimestamp('2026-11-21T10:15:30+07:00', NOW), { ok: true, at: NOW });
  const cases: [string, string][] = [
    ['2026-11-21T10:20:30+07:00', '2026-11-21T03:20:30.000Z'], // +300 s, the edge
    ['2026-11-21T10:10:30+07:00', '2026-11-21T03:10:30.000Z'], // -300 s, the edge
    ['2026-11-21T03:15:30Z', '2026-11-21T03:15:30.000Z'],
    ['2026-11-21T03:15:30.123Z', '2026-11-21T03:15:30.123Z'],
    ['2026-11-21T11:15:30+08:00', '2026-11-21T03:15:30.000Z'], // WITA
    ['2026-11-20T22:15:30-05:00', '2026-11-21T03:15:30.000Z'],
    ['2026-11-21T08:45:30+05:30', '2026-11-21T03:15:30.000Z'],
  ];
  for (const [header, iso] of cases) {
    const result = checkTimestamp(header, NOW);
    assert.ok(result.ok, header);
    assert.equal(result.at.toISOString(), iso, header);
  }
});

test('a timestamp outside the skew is refused', () => {
  assert.deepEqual(checkTimestamp('2026-11-21T10:20:31+07:00', NOW), { ok: false, reason: 'skew' });
  assert.deepEqual(checkTimestamp('2026-11-21T10:10:29+07:00', NOW), { ok: false, reason: 'skew' });
  // Right clock time, wrong zone: 10:15:30 UTC is seven hours off.
  assert.deepEqual(checkTimestamp('2026-11-21T10:15:30Z', NOW), { ok: false, reason: 'skew' });
  assert.deepEqual(checkTimestamp('2026-11-21T10:15:40+07:00', NOW, 5), { ok: false, reason: 'skew' });
  assert.equal(checkTimestamp('2026-11-21T10:15:35+07:00', NOW, 5).ok, true);
  assert.equal(checkTimestamp('2026-11-21T10:15:30+07:00', NOW, 0).ok, true);
});

test('a missing or malformed timestamp is refused with its reason', () => {
  assert.deepEqual(checkTimestamp(undefined, NOW), { ok: false, reason: 'missing' });
  assert.deepEqual(checkTimestamp('', NOW), { ok: false, reason: 'missing' });
  for (const header of [
    '2026-11-21T10:15:30', // no offset
    '2026-11-21 10:15:30+07:00',
    '2026-11-21T10:15+07:00',
    '2026-11-21T10:15:30+0700',
    '2026-11-21T10:15:30+7:00',
    '21-11-2026T10:15:30+07:00',
    '2026-11-31T10:15:30+07:00', // 31 November
    '2026-02-29T10:15:30+07:00', // not a leap year
    '2026-13-01T10:15:30+07:00',
    '2026-11-21T24:00:00+07:00',
    '2026-11-21T10:60:30+07:00',
    '2026-11-21T10:15:60+07:00',
    '2026-11-21T10:15:30+15:00',
    '2026-11-21T10:15:30+07:60',
    ' 2026-11-21T10:15:30+07:00',
    'Sat, 21 Nov 2026 10:15:30 +0700',
    '1795234530',
  ]) {
    assert.deepEqual(checkTimestamp(header, NOW), { ok: false, reason: 'malformed' }, header);
  }
  assert.deepEqual(checkTimestamp('2028-02-29T10:15:30+07:00', new Date('2028-02-29T03:15:30Z')).ok, true);
});

test('SNAP response codes are HTTP status + service code + case code', () => {
  assert.equal(SNAP_SERVICE_VA_INQUIRY, '24');
  assert.equal(SNAP_SERVICE_VA_PAYMENT, '25');
  assert.equal(SNAP_SERVICE_ACCESS_TOKEN_B2B, '73');
  assert.equal(snapResponseCode(200, '24', '00'), '2002400');
  assert.equal(snapResponseCode(401, SNAP_SERVICE_VA_PAYMENT, '01'), '4012501');
  assert.throws(() => snapResponseCode(2000, '24', '00'), /HTTP/);
  assert.throws(() => snapResponseCode(200.5, '24', '00'), /HTTP/);
  assert.throws(() => snapResponseCode(200, '4', '00'), /Kode layanan .* \/ Service code/);
  assert.throws(() => snapResponseCode(200, '24', '0'), /Kode kasus .* \/ Case code/);
});

test('the SNAP cases give the codes and messages banks expect', () => {
  const expected: [Parameters<typeof snapResponse>, string, string, number][] = [
    [['successful', '24'], '2002400', 'Successful', 200],
    [['successful', '25'], '2002500', 'Successful', 200],
    [['unauthorized', '24', 'Signature'], '4012400', 'Unauthorized. [Signature]', 401],
    [['unauthorized', '73', 'Unknown client'], '4017300', 'Unauthorized. [Unknown client]', 401],
    [['invalidTokenB2b', '25'], '4012501', 'Invalid Token (B2B)', 401],
    [['conflict', '25'], '4092500', 'Conflict', 409],
    [['billNotFound', '24', 'Not Found'], '4042412', 'Invalid Bill/Virtual Account [Not Found]', 404],
    [['billExpired', '24'], '4042419', 'Invalid Bill/Virtual Account', 404],
    [['paidBill', '25'], '4042514', 'Paid Bill', 404],
    [['invalidAmount', '25'], '4042513', 'Invalid Amount', 404],
    [['inconsistentRequest', '25'], '4042518', 'Inconsistent Request', 404],
    [['invalidFieldFormat', '24', 'virtualAccountNo'], '4002401', 'Invalid Field Format {virtualAccountNo}', 400],
    [['invalidMandatoryField', '25', 'paidAmount.value'], '4002502', 'Invalid Mandatory Field {paidAmount.value}', 400],
    [['invalidMandatoryField', '25'], '4002502', 'Invalid Mandatory Field', 400],
    [['generalError', '25'], '5002500', 'General Error', 500],
  ];
  for (const [args, code, message, status] of expected) {
    assert.deepEqual(snapResponse(...args), { httpStatus: status, responseCode: code, responseMessage: message }, args.join(' '));
  }
  // A detail cannot smuggle in replacement patterns.
  assert.equal(snapResponse('unauthorized', '24', '$&$1').responseMessage, 'Unauthorized. [$&$1]');
  // Cases without a detail form ignore the detail.
  assert.equal(snapResponse('paidBill', '24', 'whatever').responseMessage, 'Paid Bill');
  for (const [name, entry] of Object.entries(SNAP_CASES)) {
    assert.match(entry.caseCode, /^\d{2}$/, name);
    assert.equal(snapResponse(name as keyof typeof SNAP_CASES, '24').responseCode.length, 7, name);
  }
});
