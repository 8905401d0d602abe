import type { StaffContext } from '~/lib/server/context';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { caseCategories } from '~db/schema';
import { writeAudit } from '~/lib/server/audit';
import type { Actor } from './cases.server';

export interface CategoryInput {
  id?: number | undefined;
  parentId?: number | undefined;
  name: string;
  active: boolean;
}

export type CategoryResult = { ok: true; id: number } | { ok: false; errors: Record<string, string> };

/**
 * Creates or edits a taxonomy entry (admins only). Two levels: a parent must itself be a
 * top-level entry. Entries are retired (inactive), never deleted, because contacts point at them.
 */
export async function saveCategory(ctx: StaffContext<Actor>, input: CategoryInput): Promise<CategoryResult> {
  const db = ctx.db;
  const actor = ctx.user;
  const meta = { ip: ctx.ip };
  if (actor.role !== 'admin')
    return { ok: false, errors: { _form: 'Solo Coordinación puede editar las categorías.' } };
  return db.transaction(async (tx) => {
    if (input.parentId) {
      const [parent] = await tx
        .select({ id: caseCategories.id })
        .from(caseCategories)
        .where(and(eq(caseCategories.id, input.parentId), isNull(caseCategories.parentId)));
      if (!parent) return { ok: false as const, errors: { parentId: 'Elige una categoría principal.' } };
      if (parent.id === input.id)
        return {
          ok: false as const,
          errors: { parentId: 'Una categoría no puede estar dentro de sí misma.' },
        };
    }
    if (input.id && input.parentId) {
      const [children] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(caseCategories)
        .where(eq(caseCategories.parentId, input.id));
      if ((children?.n ?? 0) > 0)
        return {
          ok: false as const,
          errors: { parentId: 'Esta categoría tiene subcategorías: no puede volverse subcategoría.' },
        };
    }
    const values = { name: input.name, parentId: input.parentId ?? null, active: input.active };
    // The unique index is the last word in a race; this keeps the usual case friendly.
    const [dup] = await tx
      .select({ id: caseCategories.id })
      .from(caseCategories)
      .where(
        and(
          sql`coalesce(${caseCategories.parentId}, 0) = ${input.parentId ?? 0}`,
          eq(caseCategories.name, input.name),
        ),
      );
    if (dup && dup.id !== input.id)
      return {
        ok: false as const,
        errors: { name: 'Ya existe una categoría con ese nombre en el mismo nivel.' },
      };
    let id = input.id;
    if (id) {
      const [row] = await tx
        .update(caseCategories)
        .set(values)
        .where(eq(caseCategories.id, id))
        .returning({ id: caseCategories.id });
      if (!row) return { ok: false as const, errors: { _form: 'Esa categoría ya no existe.' } };
    } else {
      const [row] = await tx
        .insert(caseCategories)
        .values({ ...values, source: 'linea', sortOrder: 1000 })
        .returning({ id: caseCategories.id });
      id = row!.id;
    }
    await writeAudit(tx, {
      actorUserId: actor.id,
      action: input.id ? 'category.update' : 'category.create',
      entity: 'case_category',
      entityId: id,
      ip: meta.ip,
      details: values,
    });
    return { ok: true as const, id };
  });
}
