import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { activities, operatorBookings, workshopRequests } from '~db/schema';
import { seedDemo } from '~/demo';
import { describeEachDb } from '../helpers/db';

describeEachDb('scheduling demo data', (ctx) => {
  it('loads a believable calendar that respects the overlap rule', async () => {
    await seedDemo(ctx.db);
    const rows = await ctx.db.select().from(activities);
    expect(rows.length).toBeGreaterThanOrEqual(10);
    expect(new Set(rows.map((r) => r.timeZone))).toEqual(
      new Set(['America/Chihuahua', 'America/Ciudad_Juarez']),
    );
    const linked = await ctx.db
      .select()
      .from(workshopRequests)
      .where(eq(workshopRequests.status, 'scheduled'));
    expect(linked.length).toBe(4);
    expect(linked.every((r) => r.facilitatorFirstName && r.scheduledStart)).toBe(true);
    expect(
      await ctx.db.select().from(operatorBookings).where(eq(operatorBookings.kind, 'time_off')),
    ).toHaveLength(1);
  });
});
