import { and, eq, inArray, or } from 'drizzle-orm';
import type { Executor } from '~db/client';
import { contactSuppressions } from '~db/schema';

/**
 * Addresses and numbers that opposed the use of their data, or revoked consent, through an ARCO
 * request (features/arco writes them). Mailers of reminders and announcements skip them; the
 * mails a person must get (the answer to their own request, a cancellation of what they signed
 * up for) still go.
 */
export async function isContactSuppressed(
  db: Executor,
  contact: { email?: string | null; phone?: string | null },
): Promise<boolean> {
  const conds = [];
  if (contact.email)
    conds.push(
      and(eq(contactSuppressions.kind, 'email'), eq(contactSuppressions.value, contact.email.toLowerCase())),
    );
  if (contact.phone)
    conds.push(and(eq(contactSuppressions.kind, 'phone'), eq(contactSuppressions.value, contact.phone)));
  if (conds.length === 0) return false;
  const rows = await db
    .select({ id: contactSuppressions.id })
    .from(contactSuppressions)
    .where(or(...conds))
    .limit(1);
  return rows.length > 0;
}

/** The suppressed e-mails among `emails` (lower-cased), for mailers working in batches. */
export async function suppressedEmails(db: Executor, emails: readonly string[]): Promise<Set<string>> {
  if (emails.length === 0) return new Set();
  const rows = await db
    .select({ value: contactSuppressions.value })
    .from(contactSuppressions)
    .where(
      and(
        eq(contactSuppressions.kind, 'email'),
        inArray(
          contactSuppressions.value,
          emails.map((e) => e.toLowerCase()),
        ),
      ),
    );
  return new Set(rows.map((r) => r.value));
}

/**
 * Which of `people` opposed or revoked consent, by e-mail (any case) or phone: the indexes into
 * `people`. For exports that list people, which leave those rows' personal data out.
 */
export async function suppressedPeople(
  db: Executor,
  people: readonly { email?: string | null; phone?: string | null }[],
): Promise<Set<number>> {
  const emails = [...new Set(people.map((p) => p.email?.toLowerCase()).filter((v): v is string => !!v))];
  const phones = [...new Set(people.map((p) => p.phone).filter((v): v is string => !!v))];
  if (emails.length === 0 && phones.length === 0) return new Set();
  const conds = [];
  if (emails.length)
    conds.push(and(eq(contactSuppressions.kind, 'email'), inArray(contactSuppressions.value, emails)));
  if (phones.length)
    conds.push(and(eq(contactSuppressions.kind, 'phone'), inArray(contactSuppressions.value, phones)));
  const rows = await db
    .select({ kind: contactSuppressions.kind, value: contactSuppressions.value })
    .from(contactSuppressions)
    .where(or(...conds));
  const hit = new Set(rows.map((r) => `${r.kind}:${r.value}`));
  const out = new Set<number>();
  people.forEach((p, i) => {
    if ((p.email && hit.has(`email:${p.email.toLowerCase()}`)) || (p.phone && hit.has(`phone:${p.phone}`)))
      out.add(i);
  });
  return out;
}

/** Adds an address or number to the list (idempotent). */
export async function suppressContact(
  db: Executor,
  entry: { kind: 'email' | 'phone'; value: string; arcoRequestId: number },
): Promise<void> {
  await db
    .insert(contactSuppressions)
    .values({
      kind: entry.kind,
      value: entry.kind === 'email' ? entry.value.toLowerCase() : entry.value,
      arcoRequestId: entry.arcoRequestId,
    })
    .onConflictDoNothing();
}
