import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db, Executor } from '~db/client';
import { type Role, users } from '~db/schema';
import type { StaffContext } from '~/lib/server/context';
import { writeAudit } from '~/lib/server/audit';
import { type SessionUser, invalidateUserSessions } from '~/lib/server/auth/session';
import { sendMail } from '~/lib/server/mail/outbox';
import { renderMail } from '~/lib/server/mail/templates';
import type { CreateUserInput, UpdateUserInput } from './schemas';
import { issuePasswordToken } from './sign-in.server';

// Account administration: the list of staff accounts, creating one (with its set-password link),
// renaming, changing the role, disabling, and sending a new link. Signing in is in sign-in.server.ts.

export async function listUsers(db: Executor) {
  return db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      active: users.active,
      hasPassword: sql<boolean>`${users.passwordHash} is not null`,
      createdAt: users.createdAt,
    })
    .from(users)
    .orderBy(asc(users.name));
}

export async function getUser(db: Executor, id: number) {
  const [user] = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      active: users.active,
      grants: users.grants,
    })
    .from(users)
    .where(eq(users.id, id));
  return user ?? null;
}

export type CreateUserResult = { ok: true; id: number } | { ok: false; errors: Record<string, string> };

/** Creates a staff account without a password and e-mails a one-time link to set it. */
export async function createUser(
  ctx: StaffContext<SessionUser>,
  input: CreateUserInput,
): Promise<CreateUserResult> {
  const db = ctx.db;
  const actor = ctx.user;
  const meta = { ip: ctx.ip };
  const mail = await ctx.mail();
  const email = input.email.trim().toLowerCase();
  const duplicate = { ok: false as const, errors: { email: 'Ya existe una cuenta con ese correo.' } };
  return db.transaction(async (tx) => {
    // The unique index has the last word when two admins race; this keeps the usual case friendly.
    const [existing] = await tx
      .select({ id: users.id })
      .from(users)
      .where(eq(sql`lower(${users.email})`, email));
    if (existing) return duplicate;
    const [created] = await tx
      .insert(users)
      .values({ name: input.name, email, role: input.role })
      .onConflictDoNothing()
      .returning({ id: users.id });
    if (!created) return duplicate;
    const id = created.id;
    const token = await issuePasswordToken(tx, id, 'set');
    await sendMail(tx, {
      to: email,
      template: 'account.set-password',
      ...renderMail(
        {
          subject: `Tu cuenta en ${mail.orgName}`,
          greeting: `Hola, ${input.name.split(' ')[0]}:`,
          paragraphs: [
            `${actor.name} te dio acceso al portal del equipo de ${mail.orgName}.`,
            'Para entrar, primero elige tu contraseña con el siguiente enlace. Funciona una sola vez y vence en 72 horas.',
          ],
          action: { label: 'Elegir mi contraseña', url: `${mail.publicUrl}/contrasena/${token}` },
          after: ['Si no esperabas este correo, ignóralo: nadie podrá entrar sin este enlace.'],
        },
        { name: mail.orgName },
      ),
    });
    await writeAudit(tx, {
      actorUserId: actor.id,
      action: 'user.create',
      entity: 'user',
      entityId: id,
      ip: meta.ip,
      details: { role: input.role },
    });
    return { ok: true, id };
  });
}

export type UpdateUserResult =
  { ok: true } | { ok: false; errors: Record<string, string>; notFound?: boolean };

/** Renames, changes the role or disables an account. A role change or disabling ends its sessions. */
export async function updateUser(
  ctx: StaffContext<SessionUser>,
  input: UpdateUserInput,
): Promise<UpdateUserResult> {
  const db = ctx.db;
  const actor = ctx.user;
  const meta = { ip: ctx.ip };
  return db.transaction(async (tx) => {
    // Two admins demoting each other at once would each still count the other: account updates
    // take one lock first, so the second counts the admins after the first has committed. (Taken
    // before any row lock: the audit row's foreign key to the actor would otherwise deadlock.)
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended('users.last-admin', 0))`);
    const [user] = await tx.select().from(users).where(eq(users.id, input.id)).for('update');
    if (!user) return { ok: false, errors: {}, notFound: true };
    if (user.id === actor.id && (!input.active || input.role !== 'admin')) {
      return {
        ok: false,
        errors: { role: 'No puedes quitarte a ti mismo el rol de administración ni desactivar tu cuenta.' },
      };
    }
    if (user.role === 'admin' && (input.role !== 'admin' || !input.active)) {
      const [{ count }] = (await tx
        .select({ count: sql<number>`count(*)::int` })
        .from(users)
        .where(and(eq(users.role, 'admin'), eq(users.active, true)))) as [{ count: number }];
      if (count <= 1)
        return { ok: false, errors: { role: 'Debe quedar al menos una cuenta activa de administración.' } };
    }
    // The privacy grant means something only for a supervisor; it goes with any other role change.
    const wanted = input.privacyGrant ?? user.grants.includes('privacy');
    const grants = input.role === 'supervisor' && wanted ? ['privacy'] : [];
    await tx
      .update(users)
      .set({ name: input.name, role: input.role, active: input.active, grants, updatedAt: new Date() })
      .where(eq(users.id, user.id));
    if (user.grants.includes('privacy') !== grants.includes('privacy'))
      await writeAudit(tx, {
        actorUserId: actor.id,
        action: grants.includes('privacy') ? 'user.grant' : 'user.revoke',
        entity: 'user',
        entityId: user.id,
        ip: meta.ip,
        details: { grant: 'privacy' },
      });
    if (user.role !== input.role || (user.active && !input.active)) await invalidateUserSessions(tx, user.id);
    if (user.role !== input.role) {
      await writeAudit(tx, {
        actorUserId: actor.id,
        action: 'user.role',
        entity: 'user',
        entityId: user.id,
        ip: meta.ip,
        details: { from: user.role, to: input.role },
      });
    }
    if (user.active !== input.active) {
      await writeAudit(tx, {
        actorUserId: actor.id,
        action: input.active ? 'user.enable' : 'user.disable',
        entity: 'user',
        entityId: user.id,
        ip: meta.ip,
      });
    }
    if (user.name !== input.name) {
      await writeAudit(tx, {
        actorUserId: actor.id,
        action: 'user.rename',
        entity: 'user',
        entityId: user.id,
        ip: meta.ip,
      });
    }
    return { ok: true };
  });
}

/** Sends a new set-password link (for someone whose first link expired). */
export async function resendInvitation(ctx: StaffContext<SessionUser>, userId: number): Promise<boolean> {
  const db = ctx.db;
  const actor = ctx.user;
  const meta = { ip: ctx.ip };
  const mail = await ctx.mail();
  return db.transaction(async (tx) => {
    const [user] = await tx
      .select()
      .from(users)
      .where(and(eq(users.id, userId), eq(users.active, true)));
    if (!user) return false;
    const token = await issuePasswordToken(tx, user.id, user.passwordHash ? 'reset' : 'set');
    await sendMail(tx, {
      to: user.email,
      template: 'account.set-password',
      ...renderMail(
        {
          subject: `Tu acceso a ${mail.orgName}`,
          greeting: `Hola, ${user.name.split(' ')[0]}:`,
          paragraphs: [
            'Este es un nuevo enlace para elegir tu contraseña. Funciona una sola vez y vence en 72 horas.',
          ],
          action: { label: 'Elegir mi contraseña', url: `${mail.publicUrl}/contrasena/${token}` },
        },
        { name: mail.orgName },
      ),
    });
    await writeAudit(tx, {
      actorUserId: actor.id,
      action: 'user.invite',
      entity: 'user',
      entityId: user.id,
      ip: meta.ip,
    });
    return true;
  });
}

/** For `npm run user:create`: an account plus a one-time link printed to the console. */
export async function createUserWithLink(
  db: Db,
  input: { name: string; email: string; role: Role },
): Promise<{ id: number; token: string }> {
  return db.transaction(async (tx) => {
    const [created] = await tx.insert(users).values(input).returning({ id: users.id });
    const token = await issuePasswordToken(tx, created!.id, 'set');
    await writeAudit(tx, {
      actorLabel: 'cli',
      action: 'user.create',
      entity: 'user',
      entityId: created!.id,
      details: { role: input.role },
    });
    return { id: created!.id, token };
  });
}
