import { sql } from 'drizzle-orm';
import { z } from 'astro/zod';
import { expect, it } from 'vitest';
import { type FormActionDef, runFormAction } from '~/lib/server/action-pipeline';
import { makeContext } from '~/lib/server/context';
import { describeEachDb } from '../helpers/db';

type Def = FormActionDef<z.ZodType, { ok: true; data: string }>;

/**
 * The pipeline's deadlock retry against a real deadlock: two writing actions lock two rows in
 * opposite order. PostgreSQL kills one (40P01); the pipeline runs it again after the other
 * commits, and both people see their change saved. PGlite has one connection and cannot deadlock.
 */
describeEachDb('action pipeline retry', (ctx) => {
  it.runIf(ctx.kind === 'postgres')(
    'retries the transaction PostgreSQL chose as deadlock victim, and both saves land once',
    async () => {
      // A table of its own: writes to settings also bump the public-content counter, which
      // serializes writers before they could deadlock.
      await ctx.db.execute(sql`create table retry_probe (k text primary key, v int not null default 0)`);
      await ctx.db.execute(sql`insert into retry_probe (k) values ('a'), ('b')`);
      const admin = { id: 1, email: 'a@vinculo.test', name: 'A', role: 'admin' as const };
      let arrived = 0;
      let release!: () => void;
      const bothHoldTheirFirstRow = new Promise<void>((resolve) => (release = resolve));
      let runs = 0;

      const action = (first: string, second: string): Def => ({
        permission: 'admin.settings',
        input: z.object({}),
        area: 'prueba',
        write: true,
        run: async (c) => {
          runs++;
          await c.db.execute(sql`update retry_probe set v = v + 1 where k = ${first}`);
          if (++arrived === 2) release();
          // Never wait forever if the other side failed before reaching its first row.
          await Promise.race([bothHoldTheirFirstRow, new Promise((r) => setTimeout(r, 5000))]);
          await c.db.execute(sql`update retry_probe set v = v + 1 where k = ${second}`);
          return { ok: true, data: first };
        },
      });
      const drive = (def: Def) =>
        runFormAction(def, new FormData(), async () => makeContext({ db: ctx.db, user: admin }), admin);

      const started = Date.now();
      const results = await Promise.all([drive(action('a', 'b')), drive(action('b', 'a'))]);
      expect(results).toEqual([
        { ok: true, data: 'a' },
        { ok: true, data: 'b' },
      ]);
      expect(runs).toBe(3);
      // Deadlock detection (1 s) plus a short backoff, not the 5 s safety wait.
      expect(Date.now() - started).toBeLessThan(4000);
      // The victim's first attempt was rolled back: each row counts exactly the two saves.
      const rows = (await ctx.db.execute(sql`select k, v from retry_probe order by k`)) as unknown as {
        k: string;
        v: number;
      }[];
      expect([...rows].map((r) => [r.k, Number(r.v)])).toEqual([
        ['a', 2],
        ['b', 2],
      ]);
    },
  );
});
