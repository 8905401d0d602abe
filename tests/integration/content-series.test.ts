import { makeStaffContext } from '~/lib/server/context';
import { and, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { contentPosts, users } from '~db/schema';
import { movePost, updatePost } from '~/features/content/posts.server';
import { PostFormSchema } from '~/features/content/schemas';
import {
  cancelSeriesForTarget,
  generateSeriesForTarget,
  linkPostToTarget,
  moveSeriesForTarget,
} from '~/features/content/series.server';
import { toLocalInput } from '~/lib/time';
import { describeEachDb } from '../helpers/db';

const DAY = 86_400_000;
const TZ = 'America/Chihuahua';

describeEachDb('content series for events and activities', (ctx) => {
  const series = (kind: 'event' | 'activity', id: number) =>
    ctx.db
      .select()
      .from(contentPosts)
      .where(and(eq(contentPosts.promotesKind, kind), eq(contentPosts.promotesId, id)))
      .orderBy(contentPosts.plannedAt);

  it('generates announce −14 d, reminder −1 d and recap +1 d after the end, once', async () => {
    const start = new Date(Date.now() + 30 * DAY);
    const end = new Date(start.getTime() + 3 * 3_600_000);
    const ids = await ctx.db.transaction((tx) =>
      generateSeriesForTarget(tx, {
        kind: 'event',
        id: 501,
        title: 'Feria de prevención en el Parque Central',
        start,
        end,
      }),
    );
    expect(ids).toHaveLength(3);
    const again = await ctx.db.transaction((tx) =>
      generateSeriesForTarget(tx, {
        kind: 'event',
        id: 501,
        title: 'Feria de prevención en el Parque Central',
        start,
        end,
      }),
    );
    expect(again).toEqual([]);
    const posts = await series('event', 501);
    expect(posts.map((p) => [p.seriesRole, p.plannedAt.getTime()])).toEqual([
      ['announce', start.getTime() - 14 * DAY],
      ['reminder', start.getTime() - DAY],
      ['recap', end.getTime() + DAY],
    ]);
    expect(
      posts.every(
        (p) => p.status === 'idea' && p.promotesTitle === 'Feria de prevención en el Parque Central',
      ),
    ).toBe(true);
    // The same id as an activity is a different target.
    expect(
      await ctx.db.transaction((tx) =>
        generateSeriesForTarget(tx, { kind: 'activity', id: 501, title: 'Taller', start }),
      ),
    ).toHaveLength(3);
  });

  it('skips posts whose date has already passed', async () => {
    const start = new Date(Date.now() + 5 * DAY);
    const ids = await ctx.db.transaction((tx) =>
      generateSeriesForTarget(tx, {
        kind: 'activity',
        id: 502,
        title: 'Plática en la Secundaria Técnica 3',
        start,
      }),
    );
    expect((await series('activity', 502)).map((p) => p.seriesRole)).toEqual(['reminder', 'recap']);
    expect(ids).toHaveLength(2);
  });

  it('moves the series with its event, except posts edited by hand or already published', async () => {
    const [editor] = await ctx.db
      .insert(users)
      .values({ name: 'Editora Series', email: `series-${Math.random()}@vinculo.test`, role: 'comms' })
      .returning();
    const actor = { id: editor!.id, role: editor!.role };
    const start = new Date(Date.now() + 40 * DAY);
    await ctx.db.transaction((tx) =>
      generateSeriesForTarget(tx, { kind: 'event', id: 503, title: 'Caminata 25N', start }),
    );
    let [announce, reminder, recap] = await series('event', 503);
    // Someone rewrites the reminder by hand, and the recap was (oddly) already published.
    const parsed = PostFormSchema.parse({
      title: reminder!.title,
      channels: ['facebook', 'instagram'],
      plannedAt: toLocalInput(reminder!.plannedAt, TZ),
      copy: 'Texto propio',
    });
    expect(
      (
        await updatePost(
          makeStaffContext({ db: ctx.db, user: actor, ip: null, zone: TZ }),
          reminder!.id,
          reminder!.version,
          parsed,
        )
      ).ok,
    ).toBe(true);
    await ctx.db
      .update(contentPosts)
      .set({ status: 'published', publishedAt: new Date(), publishedWhere: 'Instagram' })
      .where(eq(contentPosts.id, recap!.id));
    const before = {
      announce: announce!.plannedAt.getTime(),
      reminder: (await series('event', 503))[1]!.plannedAt.getTime(),
      recap: recap!.plannedAt.getTime(),
    };

    const newStart = new Date(start.getTime() + 7 * DAY);
    const result = await ctx.db.transaction((tx) =>
      moveSeriesForTarget(tx, { kind: 'event', id: 503, newStart, newTitle: 'Caminata 25N (nueva fecha)' }),
    );
    expect(result.moved).toEqual([announce!.id]);
    expect(result.kept.sort()).toEqual([reminder!.id, recap!.id].sort());
    [announce, reminder, recap] = await series('event', 503);
    expect(announce!.plannedAt.getTime()).toBe(before.announce + 7 * DAY);
    expect(reminder!.plannedAt.getTime()).toBe(before.reminder);
    expect(recap!.plannedAt.getTime()).toBe(before.recap);
    expect(new Set([announce, reminder, recap].map((p) => p!.promotesStart!.getTime()))).toEqual(
      new Set([newStart.getTime()]),
    );
    expect(announce!.promotesTitle).toBe('Caminata 25N (nueva fecha)');
  });

  it('a dragged series post stops following, and must stay on the right side of its event', async () => {
    const [editor] = await ctx.db
      .insert(users)
      .values({ name: 'Editor Arrastre', email: `drag-${Math.random()}@vinculo.test`, role: 'comms' })
      .returning();
    const actor = { id: editor!.id, role: editor!.role };
    const start = new Date(Date.now() + 20 * DAY);
    await ctx.db.transaction((tx) =>
      generateSeriesForTarget(tx, { kind: 'event', id: 504, title: 'Jornada de denuncia', start }),
    );
    const [announce, , recap] = await series('event', 504);
    const late = await movePost(makeStaffContext({ db: ctx.db, user: actor, ip: null }), {
      id: announce!.id,
      version: announce!.version,
      start: new Date(start.getTime() + DAY),
    });
    expect(late).toEqual({ ok: false, message: 'Este aviso debe salir antes de «Jornada de denuncia».' });
    const early = await movePost(makeStaffContext({ db: ctx.db, user: actor, ip: null }), {
      id: recap!.id,
      version: recap!.version,
      start: new Date(start.getTime() - DAY),
    });
    expect(early).toEqual({ ok: false, message: 'El resumen debe salir después de «Jornada de denuncia».' });
    const ok = await movePost(makeStaffContext({ db: ctx.db, user: actor, ip: null }), {
      id: announce!.id,
      version: announce!.version,
      start: new Date(start.getTime() - 10 * DAY),
    });
    expect(ok.ok).toBe(true);
    const result = await ctx.db.transaction((tx) =>
      moveSeriesForTarget(tx, { kind: 'event', id: 504, newStart: new Date(start.getTime() + 2 * DAY) }),
    );
    expect(result.kept).toContain(announce!.id);
    expect(result.moved).not.toContain(announce!.id);
  });

  it('a hand-linked post shows its event, follows its renames and keeps its own date', async () => {
    const start = new Date(Date.now() + 12 * DAY);
    const planned = new Date(Date.now() + 2 * DAY);
    const [post] = await ctx.db
      .insert(contentPosts)
      .values({ title: 'Cartel de la feria', channels: ['print'], plannedAt: planned })
      .returning();
    expect(
      await ctx.db.transaction((tx) =>
        linkPostToTarget(tx, post!.id, {
          kind: 'activity',
          id: 506,
          title: 'Feria en la Plaza Mayor',
          start,
        }),
      ),
    ).toBe(true);
    const result = await ctx.db.transaction((tx) =>
      moveSeriesForTarget(tx, {
        kind: 'activity',
        id: 506,
        newStart: new Date(start.getTime() + DAY),
        newTitle: 'Feria en la Plaza Mayor (sábado)',
      }),
    );
    expect(result).toEqual({ moved: [], kept: [] });
    const [after] = await series('activity', 506);
    expect(after!.plannedAt.getTime()).toBe(planned.getTime());
    expect(after!.promotesTitle).toBe('Feria en la Plaza Mayor (sábado)');
    expect(after!.promotesStart!.getTime()).toBe(start.getTime() + DAY);
    expect(await ctx.db.transaction((tx) => linkPostToTarget(tx, post!.id, null))).toBe(true);
    expect(await series('activity', 506)).toHaveLength(0);
  });

  it('cancels the series still to come when the event is cancelled', async () => {
    const start = new Date(Date.now() + 25 * DAY);
    await ctx.db.transaction((tx) =>
      generateSeriesForTarget(tx, { kind: 'event', id: 505, title: 'Foro juvenil', start }),
    );
    const cancelled = await ctx.db.transaction((tx) => cancelSeriesForTarget(tx, { kind: 'event', id: 505 }));
    expect(cancelled).toHaveLength(3);
    expect((await series('event', 505)).every((p) => p.status === 'cancelled')).toBe(true);
  });
});
