import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { dbKinds } from '../helpers/db-kinds';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURES = 'tests/reporters/fixture';
const PW_FIXTURES = 'tests/reporters/fixture-pw';

/** The child must not think it runs inside this vitest, nor inherit CI or a database. */
function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', ...extra };
}

function run(
  command: string[],
  extraEnv?: Record<string, string>,
): Promise<{ code: number; lines: string[]; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      command,
      { cwd: ROOT, env: childEnv(extraEnv), timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, lines: stdout.trimEnd().split('\n'), stderr });
      },
    );
  });
}

const vitest = (...files: string[]) =>
  run(['node_modules/vitest/vitest.mjs', 'run', '--root', FIXTURES, ...files]);
const vitestWith = (env: Record<string, string>, ...args: string[]) =>
  run(['node_modules/vitest/vitest.mjs', 'run', ...args], env);

describe.concurrent('the vitest summary line', () => {
  it('counts the tests a failed beforeAll kept from running as failed, not as skipped', async () => {
    const { code, lines } = await vitest('before-all-fails.case.ts');
    expect(code).toBe(1);
    expect(lines.at(-1)).toBe('vitest: 1 passed, 2 failed, 0 skipped');
  });

  it('counts a file that fails to import, a failed afterAll and a failed test; keeps declared skips', async () => {
    const { code, lines } = await vitest('import-fails.case.ts', 'after-all-fails.case.ts');
    expect(code).toBe(1);
    // import error 1 + afterAll 1 + failing test 1; `it.skip` stays skipped.
    expect(lines.at(-1)).toBe('vitest: 1 passed, 3 failed, 1 skipped');
  });

  it('never says 0 failed when the global setup failed', async () => {
    const { code, lines } = await vitestWith({ FIXTURE_FAIL: 'globalSetup' }, '--root', FIXTURES, 'passes');
    expect(code).toBe(1);
    expect(lines.at(-1)).toBe('vitest: 0 passed, 1 failed, 0 skipped');
  });

  it('control: a clean run says 0 failed and exits 0', async () => {
    const { code, lines } = await vitest('passes.case.ts');
    expect(code).toBe(0);
    expect(lines.at(-1)).toBe('vitest: 1 passed, 0 failed, 1 skipped');
  });
});

const playwright = (fail: 'none' | 'webServer' | 'globalSetup', ...files: string[]) =>
  run(['node_modules/@playwright/test/cli.js', 'test', '-c', PW_FIXTURES, ...files], { FIXTURE_FAIL: fail });

describe.concurrent('the playwright summary line', () => {
  it('never says 0 failed when the web server did not start', async () => {
    const { code, lines } = await playwright('webServer', 'ok.case.ts');
    expect(code).toBe(1);
    expect(lines.at(-1)).toBe('playwright: 0 passed, 1 failed, 0 skipped');
  });

  it('never says 0 failed when the global setup failed', async () => {
    const { code, lines } = await playwright('globalSetup', 'ok.case.ts');
    expect(code).toBe(1);
    expect(lines.at(-1)).toBe('playwright: 0 passed, 1 failed, 0 skipped');
  });

  it('counts failed tests; control: a clean run says 0 failed and exits 0', async () => {
    const [mixed, clean] = await Promise.all([playwright('none'), playwright('none', 'ok.case.ts')]);
    expect(mixed.code).toBe(1);
    expect(mixed.lines.at(-1)).toBe('playwright: 1 passed, 1 failed, 1 skipped');
    expect(clean.code).toBe(0);
    expect(clean.lines.at(-1)).toBe('playwright: 1 passed, 0 failed, 1 skipped');
  });
});

describe.concurrent('the project run and PostgreSQL', () => {
  // The project's own vitest config, on one small file: what `npm run test:unit` does.
  const project = (env: Record<string, string>) => vitestWith({ ...env }, 'tests/unit/password.test.ts');

  it('an unreachable TEST_DATABASE_URL fails the run in one line, and the summary does not say 0 failed', async () => {
    const { code, lines, stderr } = await project({
      TEST_DATABASE_URL: 'postgres://postgres:secreta@127.0.0.1:9/postgres',
    });
    expect(code).toBe(1);
    expect(stderr).toContain('TEST_DATABASE_URL no responde en 127.0.0.1:9 (ECONNREFUSED)');
    expect(stderr).not.toContain('secreta');
    expect(lines.at(-1)).toMatch(/^vitest: \d+ passed, [1-9]\d* failed, \d+ skipped$/);
  });

  it('under CI=true a missing TEST_DATABASE_URL fails the run instead of skipping PostgreSQL', async () => {
    const { code, lines, stderr } = await project({ CI: 'true' });
    expect(code).toBe(1);
    expect(stderr).toContain('CI=true exige TEST_DATABASE_URL');
    expect(lines.at(-1)).toBe('vitest: 0 passed, 1 failed, 0 skipped');
  });

  it('without CI, a missing TEST_DATABASE_URL runs PGlite only and says PostgreSQL was skipped', async () => {
    const { code, lines } = await project({});
    expect(code).toBe(0);
    expect(lines).toContain(
      'vitest: PostgreSQL omitido (sin TEST_DATABASE_URL): solo PGlite; en CI esto falla.',
    );
    expect(lines.at(-1)).toMatch(/^vitest: [1-9]\d* passed, 0 failed, 0 skipped$/);
  });

  it('decides the database kinds from the environment', () => {
    expect(dbKinds({ TEST_DATABASE_URL: 'postgres://x@h/db' })).toEqual(['pglite', 'postgres']);
    expect(dbKinds({ TEST_DATABASE_URL: 'postgres://x@h/db', CI: 'true' })).toEqual(['pglite', 'postgres']);
    expect(dbKinds({})).toEqual(['pglite']);
    expect(() => dbKinds({ CI: 'true' })).toThrow(/CI=true exige TEST_DATABASE_URL/);
  });
});
