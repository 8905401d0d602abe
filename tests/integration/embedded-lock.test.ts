import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataDirLockedError, openDatabase } from '~db/client';

describe('embedded database folder', () => {
  const dirs: string[] = [];
  const fresh = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vinculo-lock-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('refuses a second opener while the first holds it, and opens again once released', async () => {
    const dir = fresh();
    const first = await openDatabase({ dataDir: dir });
    await expect(openDatabase({ dataDir: dir })).rejects.toThrow(DataDirLockedError);
    await expect(openDatabase({ dataDir: dir })).rejects.toThrow(/ya está abierta por otro proceso/);
    await first.close();
    const again = await openDatabase({ dataDir: dir });
    await again.close();
  });

  it('refuses a folder locked by another live process but takes over a stale lock', async () => {
    const dir = fresh();
    const other = spawn('sleep', ['30']);
    try {
      writeFileSync(path.join(dir, 'vinculo.lock'), String(other.pid));
      await expect(openDatabase({ dataDir: dir })).rejects.toThrow(`pid ${other.pid}`);
    } finally {
      other.kill();
    }
    await new Promise((r) => other.once('exit', r));
    const db = await openDatabase({ dataDir: dir });
    await db.close();
  });
});
