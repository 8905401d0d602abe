import { and, desc, eq } from 'drizzle-orm';
import type { Executor } from '~db/client';
import { privacyNotices } from '~db/schema';

export type PrivacyNoticeKind = 'integral' | 'simplificado';

/** The version in force: the latest published of its kind. Forms record its id with the consent. */
export async function getCurrentPrivacyNotice(db: Executor, kind: PrivacyNoticeKind = 'integral') {
  const [row] = await db
    .select()
    .from(privacyNotices)
    .where(eq(privacyNotices.kind, kind))
    .orderBy(desc(privacyNotices.publishedAt), desc(privacyNotices.id))
    .limit(1);
  return row ?? null;
}

export async function getPrivacyNotice(db: Executor, kind: PrivacyNoticeKind, version: string) {
  const [row] = await db
    .select()
    .from(privacyNotices)
    .where(and(eq(privacyNotices.kind, kind), eq(privacyNotices.version, version)));
  return row ?? null;
}
