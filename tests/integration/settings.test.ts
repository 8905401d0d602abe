import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { auditLog, users } from '~db/schema';
import { SettingsSchema } from '~/features/settings/schemas';
import { saveSettings } from '~/features/settings/settings.server';
import { makeContext } from '~/lib/server/context';
import { getSettings } from '~/lib/server/settings';
import { describeEachDb } from '../helpers/db';

describeEachDb('organisation settings', (ctx) => {
  it('saves only what changed, audits the keys, and the public settings read the new values', async () => {
    const [admin] = await ctx.db
      .insert(users)
      .values({ name: 'Admin', email: 'ajustes@vinculo.test', role: 'admin' })
      .returning();
    const actor = { id: admin!.id, email: admin!.email, name: admin!.name, role: admin!.role };
    const request = makeContext({ db: ctx.db, user: actor, ip: '10.9.0.1' });
    const current = await getSettings(ctx.db);
    const input = SettingsSchema.parse({
      ...current,
      hotlinePhone: '656 555 0101',
      hotlinePhoneE164: '+526565550101',
    });
    expect(await saveSettings(request, input)).toEqual(['hotlinePhone', 'hotlinePhoneE164']);
    expect(await getSettings(ctx.db)).toMatchObject({
      hotlinePhone: '656 555 0101',
      hotlinePhoneE164: '+526565550101',
      orgName: current.orgName,
    });
    expect(await saveSettings(request, input)).toEqual([]);
    const audit = await ctx.db.select().from(auditLog).where(eq(auditLog.action, 'settings.update'));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toEqual({ keys: ['hotlinePhone', 'hotlinePhoneE164'] });
  });
});

it('refuses a number that a phone cannot dial', () => {
  const r = SettingsSchema.safeParse({
    orgName: 'Línea',
    hotlinePhone: '614 123 4567',
    hotlinePhoneE164: '614 123 4567',
    whatsappE164: '+52614',
    hours: 'Lunes a viernes',
    email: 'x@y.mx',
    address: 'Calle 1',
  });
  expect(r.success).toBe(false);
  expect(r.error?.issues.map((i) => i.path[0])).toEqual(['hotlinePhoneE164', 'whatsappE164']);
});
