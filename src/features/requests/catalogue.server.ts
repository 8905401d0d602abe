import type { StaffContext } from '~/lib/server/context';
import { and, asc, eq, ne, sql } from 'drizzle-orm';
import type { Executor } from '~db/client';
import { workshops } from '~db/schema';
import { writeAudit } from '~/lib/server/audit';
import type { WorkshopInput } from './schemas';

const PUBLIC_COLUMNS = {
  id: workshops.id,
  slug: workshops.slug,
  title: workshops.title,
  summary: workshops.summary,
  description: workshops.description,
  audience: workshops.audience,
  titleEn: workshops.titleEn,
  summaryEn: workshops.summaryEn,
  descriptionEn: workshops.descriptionEn,
  audienceEn: workshops.audienceEn,
  durationMinutes: workshops.durationMinutes,
  modality: workshops.modality,
};

/** The public catalogue: active workshops in the admins' order. */
export async function listActiveWorkshops(db: Executor) {
  return db
    .select(PUBLIC_COLUMNS)
    .from(workshops)
    .where(eq(workshops.active, true))
    .orderBy(asc(workshops.sortOrder), asc(workshops.title));
}

export async function getActiveWorkshopBySlug(db: Executor, slug: string) {
  if (!/^[a-z0-9-]{1,80}$/.test(slug)) return null;
  const [row] = await db
    .select(PUBLIC_COLUMNS)
    .from(workshops)
    .where(and(eq(workshops.slug, slug), eq(workshops.active, true)));
  return row ?? null;
}

export { listMunicipalities } from '~/lib/server/reference';

/** Admin view: every workshop, inactive ones included. */
export async function listAllWorkshops(db: Executor) {
  return db.select().from(workshops).orderBy(asc(workshops.sortOrder), asc(workshops.title));
}

export async function getWorkshop(db: Executor, id: number) {
  const [row] = await db.select().from(workshops).where(eq(workshops.id, id));
  return row ?? null;
}

type EnglishKeys = 'titleEn' | 'summaryEn' | 'descriptionEn' | 'audienceEn';
/** The validated form; the English texts may be left out (they default to none). */
export type SaveWorkshopInput = Omit<WorkshopInput, EnglishKeys> & Partial<Pick<WorkshopInput, EnglishKeys>>;

export type SaveWorkshopResult =
  { ok: true; id: number } | { ok: false; errors: Record<string, string>; notFound?: boolean };

/**
 * Creates or edits a catalogue entry. A trigger bumps the public-content version in the same
 * transaction, so no instance serves the old catalogue once this commits.
 */
export async function saveWorkshop(
  ctx: StaffContext<{ id: number }>,
  input: SaveWorkshopInput,
): Promise<SaveWorkshopResult> {
  const db = ctx.db;
  const actor = ctx.user;
  const meta = { ip: ctx.ip };
  const slugTaken = { ok: false as const, errors: { slug: 'Ya hay otro taller con esa dirección corta.' } };
  return db.transaction(async (tx) => {
    const [clash] = await tx
      .select({ id: workshops.id })
      .from(workshops)
      .where(
        input.id
          ? and(eq(workshops.slug, input.slug), ne(workshops.id, input.id))
          : eq(workshops.slug, input.slug),
      );
    if (clash) return slugTaken;
    const values = {
      title: input.title,
      slug: input.slug,
      summary: input.summary,
      description: input.description,
      audience: input.audience,
      titleEn: input.titleEn ?? '',
      summaryEn: input.summaryEn ?? '',
      descriptionEn: input.descriptionEn ?? '',
      audienceEn: input.audienceEn ?? '',
      durationMinutes: input.durationMinutes,
      modality: input.modality,
      active: input.active,
      updatedAt: new Date(),
    };
    let id: number;
    if (input.id) {
      const updated = await tx
        .update(workshops)
        .set(values)
        .where(eq(workshops.id, input.id))
        .returning({ id: workshops.id });
      if (!updated[0]) return { ok: false, errors: {}, notFound: true };
      id = updated[0].id;
    } else {
      const [{ next }] = (await tx
        .select({ next: sql<number>`coalesce(max(${workshops.sortOrder}), -1)::int + 1` })
        .from(workshops)) as [{ next: number }];
      const created = await tx
        .insert(workshops)
        .values({ ...values, sortOrder: next })
        .onConflictDoNothing()
        .returning({ id: workshops.id });
      if (!created[0]) return slugTaken;
      id = created[0].id;
    }
    await writeAudit(tx, {
      actorUserId: actor.id,
      action: input.id ? 'workshop.update' : 'workshop.create',
      entity: 'workshop',
      entityId: id,
      ip: meta.ip,
      details: { slug: input.slug, active: input.active },
    });
    return { ok: true, id };
  });
}
