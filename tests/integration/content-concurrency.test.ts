import { makeStaffContext } from '~/lib/server/context';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentPostHistory, contentPosts, users } from '~db/schema';
import { movePost, transitionPost } from '~/features/content/posts.server';
import { generateSeriesForTarget } from '~/features/content/series.server';
import { DB_KINDS, type TestDatabase, createTestDatabase } from '../helpers/db';

// Real concurrency needs real connections: PostgreSQL only (PGlite runs one transaction at a time).
describe.skipIf(!DB_KINDS.includes('postgres'))('content under concurrency [postgres]', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('postgres', { max: 20 });
  });
  afterAll(async () => {
    await database?.destroy();
  });

  it('of ten simultaneous drags of the same post from the same version, exactly one wins', async () => {
    const db = database.db;
    const [u] = await db
      .insert(users)
      .values({ name: 'Editora', email: 'concurrente@vinculo.test', role: 'comms' })
      .returning();
    const [post] = await db
      .insert(contentPosts)
      .values({ title: 'Cartel', channels: ['facebook'], plannedAt: new Date(Date.now() + 3 * 86_400_000) })
      .returning();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        movePost(makeStaffContext({ db, user: { id: u!.id, role: 'comms' }, ip: null }), {
          id: post!.id,
          version: post!.version,
          start: new Date(Date.now() + (4 + i) * 86_400_000),
        }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const [after] = await db.select().from(contentPosts).where(eq(contentPosts.id, post!.id));
    expect(after!.version).toBe(post!.version + 1);
    expect(
      await db.select().from(contentPostHistory).where(eq(contentPostHistory.postId, post!.id)),
    ).toHaveLength(1);
  });

  it('two approvals at once record one approval', async () => {
    const db = database.db;
    const [sup] = await db
      .insert(users)
      .values({ name: 'Supervisora', email: 'sup-concurrente@vinculo.test', role: 'supervisor' })
      .returning();
    const [post] = await db
      .insert(contentPosts)
      .values({
        title: 'Video',
        channels: ['tiktok'],
        plannedAt: new Date(Date.now() + 86_400_000),
        copy: 'Texto',
        status: 'in_review',
      })
      .returning();
    const input = {
      id: post!.id,
      version: post!.version,
      to: 'approved' as const,
      note: '',
      publishedWhere: '',
      publishedUrl: '',
    };
    const results = await Promise.all(
      [1, 2, 3].map(() =>
        transitionPost(makeStaffContext({ db, user: { id: sup!.id, role: 'supervisor' }, ip: null }), input),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const history = await db.select().from(contentPostHistory).where(eq(contentPostHistory.postId, post!.id));
    expect(history.filter((h) => h.toStatus === 'approved')).toHaveLength(1);
  });

  it('generating the same series from several instances at once creates it once', async () => {
    const db = database.db;
    const start = new Date(Date.now() + 30 * 86_400_000);
    const created = await Promise.all(
      Array.from({ length: 6 }, () =>
        db.transaction((tx) => generateSeriesForTarget(tx, { kind: 'event', id: 77, title: 'Feria', start })),
      ),
    );
    expect(created.flat()).toHaveLength(3);
  });
});
