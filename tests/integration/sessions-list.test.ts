import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, sessions, users } from '~db/schema';
import { login } from '~/features/accounts/sign-in.server';
import { endOtherSessions, listSessions } from '~/features/accounts/sessions.server';
import { deviceLabel } from '~/lib/device';
import { hashPassword } from '~/lib/server/auth/password';
import { validateSessionToken } from '~/lib/server/auth/session';
import { hashToken } from '~/lib/server/tokens';
import { describeEachDb } from '../helpers/db';

const FIREFOX_WIN = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';
const CHROME_ANDROID =
  'Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';
const SAFARI_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';
const EDGE_WIN =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0';

describe('deviceLabel', () => {
  it('names browser and system in Spanish, and says so when it cannot tell', () => {
    expect(deviceLabel(FIREFOX_WIN)).toBe('Firefox en Windows');
    expect(deviceLabel(CHROME_ANDROID)).toBe('Chrome en Android');
    expect(deviceLabel(SAFARI_IPHONE)).toBe('Safari en iPhone');
    expect(deviceLabel(EDGE_WIN)).toBe('Edge en Windows');
    expect(deviceLabel('curl/8.5.0')).toBe('Dispositivo desconocido');
    expect(deviceLabel(null)).toBe('Dispositivo desconocido');
  });
});

describeEachDb('active sessions in /app/perfil (issue 12 #12)', (ctx) => {
  it('a new login leaves the older one valid; the list shows both; "cerrar las demás" ends only the others', async () => {
    const email = `sesiones-${Math.random().toString(36).slice(2, 8)}@vinculo.test`;
    const password = 'caballo correcto batería grapa';
    const [u] = await ctx.db
      .insert(users)
      .values({
        name: 'Sofía Sesiones',
        email,
        role: 'operator',
        active: true,
        passwordHash: await hashPassword(password),
      })
      .returning();
    const phone = await login(ctx.db, email, password, { ip: '10.5.0.1', userAgent: CHROME_ANDROID });
    const laptop = await login(ctx.db, email, password, { ip: '10.5.0.2', userAgent: FIREFOX_WIN });
    if (!phone.ok || !laptop.ok) throw new Error('login failed');
    expect(await validateSessionToken(ctx.db, phone.token)).not.toBeNull(); // kept valid, as today

    const current = hashToken(laptop.token);
    const list = await listSessions(ctx.db, u!.id, current);
    expect(list.map((s) => [s.device, s.current])).toEqual([
      ['Firefox en Windows', true],
      ['Chrome en Android', false],
    ]);
    expect(list.every((s) => s.createdAt instanceof Date && s.lastSeenAt instanceof Date)).toBe(true);
    // Only the label is stored, not the whole header.
    const stored = await ctx.db
      .select({ ua: sessions.userAgent })
      .from(sessions)
      .where(eq(sessions.userId, u!.id));
    expect(stored.map((s) => s.ua).sort()).toEqual(['Chrome en Android', 'Firefox en Windows']);

    expect(await endOtherSessions(ctx.db, u!.id, current, { ip: '10.5.0.2' })).toBe(1);
    expect(await validateSessionToken(ctx.db, phone.token)).toBeNull();
    expect(await validateSessionToken(ctx.db, laptop.token)).not.toBeNull();
    expect((await listSessions(ctx.db, u!.id, current)).map((s) => s.device)).toEqual(['Firefox en Windows']);
    const audit = await ctx.db.select().from(auditLog).where(eq(auditLog.action, 'sessions.end-others'));
    expect(audit.find((a) => a.actorUserId === u!.id)?.details).toEqual({ ended: 1 });
  });
});
