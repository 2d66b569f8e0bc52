/**
 * GN Lingkaran donors: a company (its CSR programme and tax id) or an individual registers with a
 * username and password (role `donor`); anyone may also give as a guest with just a name and an e-mail
 * address or phone number. A donor may stay anonymous in public.
 */
import { inTransaction, type Db, type Executor } from '../../platform/db.ts';
import { AppError, type FieldError } from '../../platform/errors.ts';
import { defineFieldRules, defineProblems } from '../../platform/i18n.ts';
import { normalizeIndonesianPhone } from '../../platform/phone.ts';
import { recordAudit, type AuditActor } from '../audit/audit.ts';
import { createUser } from '../identity/service.ts';
import type { DonorKind } from './tables.ts';

defineProblems({
  donor_profile_missing: { title: { id: 'Profil donatur belum ada', en: 'No donor profile' }, detail: { id: 'Akun ini belum terdaftar sebagai donatur GN Lingkaran.', en: 'This account is not registered as a GN Lingkaran donor.' } },
});
defineFieldRules({
  tax_id_invalid: { id: 'NPWP harus 15 atau 16 angka.', en: 'A tax id (NPWP) has 15 or 16 digits.' },
  contact_required: { id: 'Isi alamat e-mail atau nomor HP.', en: 'Give an e-mail address or a mobile number.' },
  email_invalid: { id: 'Alamat e-mail tidak valid.', en: 'Not a valid e-mail address.' },
});

export interface DonorContact { name: string; email?: string | null; phone?: string | null }
export interface DonorRegistration extends DonorContact {
  kind: Exclude<DonorKind, 'guest'>;
  csrProgram?: string | null;
  taxId?: string | null;
  anonymous?: boolean;
  username: string;
  password: string;
}

/** The contact of a donor checked whole: every problem named, nothing written. */
function checkContact(input: DonorContact & { kind: DonorKind; csrProgram?: string | null; taxId?: string | null }) {
  const errors: FieldError[] = [];
  const email = input.email?.trim() || null;
  const phone = input.phone?.trim() ? normalizeIndonesianPhone(input.phone) : null;
  if (email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) errors.push({ field: 'email', rule: 'email_invalid' });
  if (input.phone?.trim() && !phone) errors.push({ field: 'phone', rule: 'phone_invalid' });
  if (!email && !input.phone?.trim()) errors.push({ field: 'email', rule: 'contact_required' });
  const taxId = input.taxId?.replace(/[\s.-]/g, '') || null;
  if (input.kind === 'company') {
    if (!input.csrProgram?.trim()) errors.push({ field: 'csrProgram', rule: 'required' });
    if (!taxId) errors.push({ field: 'taxId', rule: 'required' });
  }
  if (taxId && !/^\d{15,16}$/.test(taxId)) errors.push({ field: 'taxId', rule: 'tax_id_invalid' });
  if (errors.length) throw new AppError(422, 'validation_failed', {}, errors);
  return { email, phone, taxId, csrProgram: input.kind === 'company' ? input.csrProgram!.trim() : null };
}

export async function registerDonor(db: Db, input: DonorRegistration, actor: AuditActor): Promise<{ donorId: number; userId: number }> {
  const contact = checkContact(input);
  return inTransaction(db, async (tx) => {
    const userId = await createUser(tx, { username: input.username, displayName: input.name.trim(), role: 'donor', password: input.password, email: contact.email, phone: contact.phone }, actor);
    const donor = { kind: input.kind, name: input.name.trim(), csr_program: contact.csrProgram, tax_id: contact.taxId, email: contact.email, phone: contact.phone, anonymous: input.anonymous ?? false, user_id: userId };
    const { id } = await tx.insertInto('lingkaran_donors').values(donor).returning('id').executeTakeFirstOrThrow();
    await recordAudit(tx, { actor: actor.userId ? actor : { userId, role: 'donor' }, action: 'lingkaran.donor_registered', entityType: 'lingkaran_donor', entityId: id, after: { kind: donor.kind, name: donor.name, csrProgram: donor.csr_program, anonymous: donor.anonymous } });
    return { donorId: id, userId };
  });
}

/** A guest gives with a name and a contact: a donor row of its own for each gift. */
export async function guestDonor(tx: Executor, input: DonorContact & { anonymous: boolean }): Promise<number> {
  const contact = checkContact({ ...input, kind: 'guest' });
  const { id } = await tx.insertInto('lingkaran_donors').values({ kind: 'guest', name: input.name.trim(), email: contact.email, phone: contact.phone, anonymous: input.anonymous })
    .returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function donorOfUser(db: Executor, userId: number) {
  const donor = await db.selectFrom('lingkaran_donors').selectAll().where('user_id', '=', userId).executeTakeFirst();
  if (!donor) throw new AppError(404, 'donor_profile_missing');
  return donor;
}

/** How a donor appears in public: their name, or "Donatur anonim / Anonymous donor". */
export const ANONYMOUS = { id: 'Donatur anonim', en: 'Anonymous donor' };
