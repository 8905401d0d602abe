import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessions, users } from '~db/schema';
import { changeState, lastEventId, raiseHelp, answerHelp } from '~/features/floor/floor.server';
import { floorStream } from '~/features/floor/stream.server';
import { DB_KINDS, type TestDatabase, createTestDatabase } from '../helpers/db';

interface Frame {
  id: number;
  event: string;
  data: Record<string, unknown>;
}

/** Reads SSE frames from a stream as they come; `next(n)` waits for n more (or fails after 3 s). */
function reader(stream: ReadableStream<Uint8Array>) {
  const frames: Frame[] = [];
  let buffer = '';
  let done = false;
  const r = stream.getReader();
  const decoder = new TextDecoder();
  void (async () => {
    for (;;) {
      const { value, done: end } = await r.read();
      if (end) {
        done = true;
        return;
      }
      buffer += decoder.decode(value, { stream: true });
      let i: number;
      while ((i = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        const lines = Object.fromEntries(
          block
            .split('\n')
            .filter((l) => !l.startsWith(':') && l.includes(': '))
            .map((l) => [l.slice(0, l.indexOf(': ')), l.slice(l.indexOf(': ') + 2)]),
        );
        if (lines.data)
          frames.push({ id: Number(lines.id), event: lines.event!, data: JSON.parse(lines.data) });
      }
    }
  })();
  const waitFor = async (test: () => boolean, what: string) => {
    for (let i = 0; i < 150; i++) {
      if (test()) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`no llegó: ${what}`);
  };
  return {
    frames,
    isDone: () => done,
    until: (n: number) => waitFor(() => frames.length >= n, `${n} eventos`),
    closed: () => waitFor(() => done, 'el cierre'),
    cancel: () => r.cancel(),
  };
}

for (const kind of DB_KINDS)
  describe(`floor stream [${kind}]`, () => {
    let database: TestDatabase;
    let op: { id: number; role: 'operator' };
    let sup: { id: number; role: 'supervisor' };
    const far = new Date(Date.now() + 3600_000);
    beforeAll(async () => {
      database = await createTestDatabase(kind);
      const [a, b] = await database.db
        .insert(users)
        .values([
          { name: 'Olga Operadora', email: 'olga@vinculo.test', role: 'operator' },
          { name: 'Sara Supervisora', email: 'sara@vinculo.test', role: 'supervisor' },
        ])
        .returning();
      op = { id: a!.id, role: 'operator' };
      sup = { id: b!.id, role: 'supervisor' };
      await database.db.insert(sessions).values([
        { id: 'sess-sup', userId: sup.id, expiresAt: far, absoluteExpiresAt: far },
        { id: 'sess-op', userId: op.id, expiresAt: far, absoluteExpiresAt: far },
      ]);
    });
    afterAll(async () => {
      await database?.destroy();
    });
    const open = (
      afterId: number | null,
      viewer: { id: number; role: 'operator' | 'supervisor' } = sup,
      sessionId = 'sess-sup',
      extra = {},
    ) =>
      floorStream({
        db: database.db,
        listen: (c, f) => database.listen(c, f),
        viewer,
        sessionId,
        expiresAt: far,
        afterId,
        ...extra,
      });

    it('sends each change live and, after a reconnect with Last-Event-ID, exactly what was missed', async () => {
      const first = reader(open(await lastEventId(database.db)));
      await new Promise((resolve) => setTimeout(resolve, 100));
      await changeState(database.db, op, { choice: 'online' });
      await first.until(1);
      expect(first.frames[0]).toMatchObject({ event: 'state', data: { userId: op.id, state: 'online' } });
      const lastSeen = first.frames.at(-1)!.id;
      await first.cancel();

      // While disconnected: a call, a help request and its "Voy".
      await changeState(database.db, op, { choice: 'on_call' });
      const help = await raiseHelp(database.db, op, { reason: 'crisis', text: '' });
      await answerHelp(database.db, sup, help.id);

      const again = reader(open(lastSeen));
      await again.until(2);
      expect(again.frames.map((f) => [f.event, f.data.state ?? f.data.answeredByName])).toEqual([
        ['state', 'on_call'],
        ['help', 'Sara Supervisora'],
      ]);
      // And live again afterwards, with nothing repeated.
      await changeState(database.db, op, { choice: 'online' });
      await again.until(3);
      expect(again.frames[2]).toMatchObject({ data: { state: 'online' } });
      expect(new Set(again.frames.map((f) => f.id)).size).toBe(3);
      await again.cancel();
    });

    it('gives operators no start times, and closes when the session ends', async () => {
      const s = reader(open(await lastEventId(database.db), op, 'sess-op', { heartbeatMs: 100 }));
      await new Promise((resolve) => setTimeout(resolve, 100));
      await changeState(database.db, sup, { choice: 'online' });
      await s.until(1);
      expect(s.frames[0]!.data).toMatchObject({ name: 'Sara Supervisora', state: 'online', startedAt: '' });
      await database.db.delete(sessions).where(eq(sessions.id, 'sess-op'));
      await s.closed();
      expect(s.isDone()).toBe(true);
    });

    it("closes a disabled user's streams at once, not at the next heartbeat, and leaves the others open", async () => {
      const [u] = await database.db
        .insert(users)
        .values({ name: 'Dora Desactivada', email: 'dora@vinculo.test', role: 'operator' })
        .returning();
      const dora = { id: u!.id, role: 'operator' as const };
      await database.db
        .insert(sessions)
        .values({ id: 'sess-dora', userId: dora.id, expiresAt: far, absoluteExpiresAt: far });
      // Heartbeats (which also check the session) every 60 s: only the revoke can close it in time.
      const slow = { heartbeatMs: 60_000 };
      const hers = reader(open(null, dora, 'sess-dora', slow));
      const theirs = reader(open(null, sup, 'sess-sup', slow));
      await new Promise((resolve) => setTimeout(resolve, 100));
      const started = Date.now();
      await database.db.update(users).set({ active: false }).where(eq(users.id, dora.id));
      await hers.closed();
      expect(Date.now() - started).toBeLessThan(2500);
      // The supervisor's stream is still live and gets the next change.
      expect(theirs.isDone()).toBe(false);
      await changeState(database.db, op, { choice: 'break:pause' });
      await theirs.until(1);
      expect(theirs.frames.map((f) => f.event)).toEqual(['state']);
      await theirs.cancel();
    });
  });
