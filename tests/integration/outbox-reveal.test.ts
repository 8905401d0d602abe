import { and, desc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, mailOutbox, users } from '~db/schema';
import { requestPasswordReset, setPasswordWithToken } from '~/features/accounts/sign-in.server';
import { listAudit } from '~/features/accounts/audit.server';
import { MASK, maskPrivateLinks } from '~/features/accounts/outbox-links';
import { revealOutboxMessage } from '~/features/accounts/outbox.server';
import { hashPassword } from '~/lib/server/auth/password';
import { describeEachDb } from '../helpers/db';

const mail = { publicUrl: 'https://vinculo.example', orgName: 'Línea Ciudadana' };
const meta = { ip: '10.9.0.1', userAgent: 'vitest' };

describe('maskPrivateLinks', () => {
  it('hides the token of password, status and manage links and keeps the rest of the text', () => {
    const text = [
      'Hola:',
      'https://vinculo.example/contrasena/abcdefghijklmnop2345',
      'Consulta: https://vinculo.example/solicitud/qrstuvwxyz234567abcd.',
      'Tu registro: https://vinculo.example/registro/zzzzyyyyxxxxwwww/evento.ics',
      'Evento público: https://vinculo.example/eventos/feria-de-salud',
    ].join('\n');
    const { text: masked, tokens } = maskPrivateLinks(text);
    expect(tokens).toEqual(['abcdefghijklmnop2345', 'qrstuvwxyz234567abcd', 'zzzzyyyyxxxxwwww']);
    for (const t of tokens) expect(masked).not.toContain(t);
    expect(masked).toContain(`https://vinculo.example/contrasena/${MASK}`);
    expect(masked).toContain(`/registro/${MASK}/evento.ics`);
    expect(masked).toContain('https://vinculo.example/eventos/feria-de-salud');
    expect(masked).toContain('Hola:');
  });
});

describeEachDb('outbox reveal (issue 12 #9)', (ctx) => {
  async function makeUser(role: 'admin' | 'operator', name: string) {
    const email = `${role}-${Math.random().toString(36).slice(2, 8)}@vinculo.test`;
    const [u] = await ctx.db
      .insert(users)
      .values({
        name,
        email,
        role,
        active: true,
        passwordHash: await hashPassword('caballo correcto batería'),
      })
      .returning();
    return u!;
  }

  it('a reveal is audited with the admin; a reset with that link records the owner and who revealed it', async () => {
    const admin = await makeUser('admin', 'Rocío Admin Salas');
    const owner = await makeUser('operator', 'Laura Dueña Ríos');
    await requestPasswordReset(ctx.db, owner.email, meta, mail);
    const [message] = await ctx.db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.toAddress, owner.email))
      .orderBy(desc(mailOutbox.id));
    const token = /\/contrasena\/([a-z0-9]+)/.exec(message!.text)![1]!;
    expect(maskPrivateLinks(message!.text).text).not.toContain(token);

    const shown = await revealOutboxMessage(ctx.db, admin, message!.id, { ip: '10.9.0.2' });
    expect(shown!.text).toContain(token);
    const [reveal] = await ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'mail.reveal'), eq(auditLog.entityId, String(message!.id))));
    expect(reveal!.actorUserId).toBe(admin.id);
    expect(JSON.stringify(reveal!.details)).not.toContain(token); // only its hash is kept

    expect((await setPasswordWithToken(ctx.db, token, 'girasoles en el desierto', meta)).ok).toBe(true);
    const [reset] = await ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'password.reset'), eq(auditLog.entityId, String(owner.id))));
    expect(reset!.actorUserId).toBe(owner.id);
    expect(reset!.details).toEqual({ linkRevealedBy: admin.id, linkRevealedByName: 'Rocío Admin Salas' });
    const listed = (await listAudit(ctx.db, { action: 'password.reset', userId: owner.id }))[0]!;
    expect(listed.actorName).toBe('Laura Dueña Ríos');
    expect(listed.details).toMatchObject({ linkRevealedByName: 'Rocío Admin Salas' });
  });

  it('a reset with a link nobody revealed records only the owner', async () => {
    const owner = await makeUser('operator', 'Marta Sin Revelar');
    await requestPasswordReset(ctx.db, owner.email, meta, mail);
    const [message] = await ctx.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, owner.email));
    const token = /\/contrasena\/([a-z0-9]+)/.exec(message!.text)![1]!;
    expect((await setPasswordWithToken(ctx.db, token, 'girasoles en el desierto', meta)).ok).toBe(true);
    const [reset] = await ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'password.reset'), eq(auditLog.entityId, String(owner.id))));
    expect(reset!.actorUserId).toBe(owner.id);
    expect(reset!.details).toBeNull();
  });
});
