import type { StaffContext } from '~/lib/server/context';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '~db/client';
import { type Role, contentApprovers, users } from '~db/schema';
import { writeAudit } from '~/lib/server/audit';
import { can, rolesWith } from '~/lib/policy';

/** Roles that plan and write content. Operators may look at the calendar but change nothing. */
export const CONTENT_EDITORS: readonly Role[] = rolesWith('content.edit');
export const CONTENT_READERS: readonly Role[] = rolesWith('content.read');

export interface ContentActor {
  id: number;
  role: Role;
}

export interface ContentPermissions {
  canEdit: boolean;
  canApprove: boolean;
  canManageApprovers: boolean;
}

/**
 * Who may do what in the content area. Approvers ("comms leads") are admins and supervisors
 * always, plus comms users an admin listed in content_approvers — the users table is not
 * touched, and the list lives in the database so every instance agrees.
 */
export async function contentPermissions(db: Executor, user: ContentActor): Promise<ContentPermissions> {
  // The policy decides; this only reads the one fact it needs from the database.
  let listedApprover = false;
  if (user.role === 'comms') {
    const [row] = await db
      .select({ userId: contentApprovers.userId })
      .from(contentApprovers)
      .where(eq(contentApprovers.userId, user.id));
    listedApprover = !!row;
  }
  return {
    canEdit: can(user, 'content.edit'),
    canApprove: can(user, 'content.approve', { listedApprover }),
    canManageApprovers: can(user, 'content.approvers'),
  };
}

/** Active people a post can be assigned to (those who can work on it). */
export async function listAssignees(db: Executor) {
  return db
    .select({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .where(and(eq(users.active, true), inArray(users.role, [...CONTENT_EDITORS])))
    .orderBy(asc(users.name));
}

export async function listApprovers(db: Executor) {
  return db
    .select({
      userId: contentApprovers.userId,
      name: users.name,
      email: users.email,
      active: users.active,
      addedAt: contentApprovers.addedAt,
    })
    .from(contentApprovers)
    .innerJoin(users, eq(users.id, contentApprovers.userId))
    .orderBy(asc(users.name));
}

/** Comms users not yet on the list, for the admin's picker. */
export async function listApproverCandidates(db: Executor) {
  const current = (await db.select({ id: contentApprovers.userId }).from(contentApprovers)).map((r) => r.id);
  const rows = await db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(and(eq(users.role, 'comms'), eq(users.active, true)))
    .orderBy(asc(users.name));
  return rows.filter((r) => !current.includes(r.id));
}

export type ApproverResult = { ok: true } | { ok: false; errors: Record<string, string> };

/** Adds a comms user to the approvers (admin only; checked by the caller and here). */
export async function addApprover(ctx: StaffContext<ContentActor>, userId: number): Promise<ApproverResult> {
  const db = ctx.db;
  const actor = ctx.user;
  const meta = { ip: ctx.ip };
  if (actor.role !== 'admin')
    return { ok: false, errors: { userId: 'Solo coordinación puede cambiar quién aprueba.' } };
  const [user] = await db
    .select({ id: users.id, role: users.role, active: users.active })
    .from(users)
    .where(eq(users.id, userId));
  if (!user || !user.active)
    return { ok: false, errors: { userId: 'Elige una persona activa de la lista.' } };
  if (user.role !== 'comms') {
    return {
      ok: false,
      errors: {
        userId: 'Solo hace falta agregar a personas de Comunicación: coordinación y supervisión ya aprueban.',
      },
    };
  }
  await db.insert(contentApprovers).values({ userId, addedById: actor.id }).onConflictDoNothing();
  await writeAudit(db, {
    actorUserId: actor.id,
    action: 'content.approver.add',
    entity: 'user',
    entityId: userId,
    ip: meta.ip,
  });
  return { ok: true };
}

export async function removeApprover(
  ctx: StaffContext<ContentActor>,
  userId: number,
): Promise<ApproverResult> {
  const db = ctx.db;
  const actor = ctx.user;
  const meta = { ip: ctx.ip };
  if (actor.role !== 'admin')
    return { ok: false, errors: { userId: 'Solo coordinación puede cambiar quién aprueba.' } };
  await db.delete(contentApprovers).where(eq(contentApprovers.userId, userId));
  await writeAudit(db, {
    actorUserId: actor.id,
    action: 'content.approver.remove',
    entity: 'user',
    entityId: userId,
    ip: meta.ip,
  });
  return { ok: true };
}
