// dependency-cruiser reads .ts/.js/.svelte but not .astro files. This applies the same layer rules
// (.dependency-cruiser.cjs) to the imports of every .astro file, so a page cannot reach past them.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const rel = (p) => path.relative(root, p).split(path.sep).join('/');

function* walk(dir) {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) yield* walk(full);
    else if (name.endsWith('.astro')) yield full;
  }
}

/** Repo-relative target of an import, or null for a package. */
function resolve(from, spec) {
  if (spec.startsWith('~/')) return `src/${spec.slice(2)}`;
  if (spec.startsWith('~db/')) return `db/${spec.slice(4)}`;
  if (spec.startsWith('.')) return rel(path.resolve(path.dirname(from), spec));
  return null;
}

const IMPORT = /^\s*import\s+(type\s+)?(?:[\s\S]*?\s+from\s+)?['"]([^'"]+)['"]/gm;
const problems = [];
for (const file of walk(path.join(root, 'src'))) {
  const source = readFileSync(file, 'utf8');
  const me = rel(file);
  const feature = me.match(/^src\/features\/([^/]+)\//)?.[1];
  for (const m of source.matchAll(IMPORT)) {
    const typeOnly = Boolean(m[1]);
    const spec = m[2];
    const target = resolve(file, spec);
    const say = (rule) => problems.push(`${me}: ${rule} (${spec})`);
    if (/^src\/(pages|components|layouts)\//.test(me) || feature) {
      if (
        !feature &&
        !typeOnly &&
        (target?.startsWith('db/') || spec === 'drizzle-orm' || spec.startsWith('drizzle-orm/'))
      )
        say(
          'pages-hold-no-sql: a page or component reads data through one feature call, never db/ or drizzle',
        );
    }
    if (target?.startsWith('src/demo/')) say('no-demo-on-the-server-path');
    if (target && /^src\/(server|actions|pages|middleware)/.test(target) && !me.startsWith('src/pages/'))
      say('no import of an upper layer');
    if (feature && target?.startsWith('src/features/')) {
      const other = target.split('/')[2];
      if (other !== feature && !/^src\/features\/[^/]+(\/index(\.ts)?)?$/.test(target))
        say(`feature-uses-another-only-through-its-index: ${feature} → ${other}`);
    }
    if (/^src\/components\//.test(me) && target?.startsWith('src/features/'))
      say('shared components do not depend on features (feature UI lives in its feature)');
  }
}
if (problems.length) {
  console.error(problems.join('\n'));
  console.error(`\n✖ ${problems.length} layer violation(s) in .astro files`);
  process.exit(1);
}
console.log('✔ no layer violations in .astro files');
