import { and, eq, inArray, or } from 'drizzle-orm';
import type { Executor } from '~db/client';
import { municipalities, workshopRequests } from '~db/schema';
import { writeAudit } from '~/lib/server/audit';
import { formatPhone } from '~/lib/phone';
import { formatInstant } from '~/lib/time';
import { REQUEST_STATUS_LABELS } from './status';

/**
 * What the requests feature gives the ARCO workflow (features/arco): the personal data a
 * workshop request holds about a person, its correction, and its anonymisation. The ARCO
 * feature never reads these tables itself.
 */

export interface PersonTerms {
  /** Lower-cased. */
  email?: string;
  /** E.164. */
  phone?: string;
  folios?: readonly string[];
}

export interface HeldRecord {
  kind: 'request';
  ref: string;
  title: string;
  fields: Array<[label: string, value: string]>;
  /** Still in course: cancellation waits until it is over. */
  active: boolean;
}

const ANON = '[Anonimizado por solicitud ARCO]';

/** Workshop requests whose contact e-mail, phone or folio matches. */
export async function findRequestsHeldFor(
  db: Executor,
  terms: PersonTerms,
  zone: string,
): Promise<HeldRecord[]> {
  const conds = [];
  if (terms.email) conds.push(eq(workshopRequests.contactEmail, terms.email));
  if (terms.phone) conds.push(eq(workshopRequests.contactPhone, terms.phone));
  const folios = (terms.folios ?? []).filter((f) => /^T-\d{4}-\d{4,6}$/.test(f));
  if (folios.length) conds.push(inArray(workshopRequests.folio, folios));
  if (conds.length === 0) return [];
  const rows = await db
    .select({ r: workshopRequests, municipality: municipalities.name })
    .from(workshopRequests)
    .innerJoin(municipalities, eq(municipalities.id, workshopRequests.municipalityId))
    .where(or(...conds))
    .orderBy(workshopRequests.createdAt)
    .limit(200);
  return rows.map(({ r, municipality }) => ({
    kind: 'request' as const,
    ref: r.folio,
    title: `Solicitud de plática ${r.folio}`,
    active: r.status === 'received' || r.status === 'under_review' || r.status === 'scheduled',
    fields: [
      ['Institución', r.institutionName],
      ['Municipio', municipality],
      ['Dirección', r.address],
      ['Nombre de contacto', r.contactName],
      ['Cargo', r.contactRole],
      ['Correo', r.contactEmail],
      ['Teléfono', formatPhone(r.contactPhone)],
      ['Público', `${r.audienceDescription} (${r.audienceAges}), ${r.expectedCount} personas`],
      ['Notas', r.notes || '—'],
      ['Estado', REQUEST_STATUS_LABELS[r.status].es],
      ['Recibida', formatInstant(r.createdAt, 'dateLong', zone)],
      ['Consentimiento', formatInstant(r.consentedAt, 'timestamp', zone)],
    ],
  }));
}

/** Corrects a request's contact details (rectificación); audited with the fields changed, not their values. */
export async function rectifyRequestContact(
  tx: Executor,
  folio: string,
  change: { contactName?: string; contactEmail?: string; contactPhone?: string },
  actor: { userId: number; ip: string | null; arcoFolio: string },
): Promise<boolean> {
  const set = Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined && v !== ''));
  if (Object.keys(set).length === 0) return false;
  const [row] = await tx
    .update(workshopRequests)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(workshopRequests.folio, folio))
    .returning({ id: workshopRequests.id });
  if (!row) return false;
  await writeAudit(tx, {
    actorUserId: actor.userId,
    action: 'request.rectify',
    entity: 'workshop_request',
    entityId: row.id,
    ip: actor.ip,
    details: { fields: Object.keys(set), arco: actor.arcoFolio },
  });
  return true;
}

/**
 * Cancellation: removes the contact person's data from finished requests (the institution and
 * the audience figures stay, they are not a person's data). Requests still in course are left
 * for the answer to explain. Returns the folios anonymised.
 */
export async function anonymizeRequests(
  tx: Executor,
  folios: readonly string[],
  actor: { userId: number; ip: string | null; arcoFolio: string },
): Promise<string[]> {
  if (folios.length === 0) return [];
  const done = await tx
    .update(workshopRequests)
    .set({
      contactName: ANON,
      contactRole: '',
      contactEmail: '',
      contactPhone: '',
      notes: '',
      updatedAt: new Date(),
    })
    .where(
      and(
        inArray(workshopRequests.folio, [...folios]),
        inArray(workshopRequests.status, ['declined', 'cancelled', 'completed']),
      ),
    )
    .returning({ id: workshopRequests.id, folio: workshopRequests.folio });
  for (const r of done)
    await writeAudit(tx, {
      actorUserId: actor.userId,
      action: 'request.anonymize',
      entity: 'workshop_request',
      entityId: r.id,
      ip: actor.ip,
      details: { arco: actor.arcoFolio },
    });
  return done.map((r) => r.folio);
}
