/**
 * The layers, enforced (see README, "Estructura"). Arrows point down only:
 *   pages/ actions/ middleware → server/ (composition root) → features/<name>/ → lib/ → db/
 * demo/ sits beside server/: it may use features, and nothing on the server's path may use it.
 */
module.exports = {
  forbidden: [
    {
      name: 'db-imports-no-src',
      comment: 'db/ holds tables, migrations and reference data; it never imports application code.',
      severity: 'error',
      from: { path: '^db/' },
      to: { path: '^src/' },
    },
    {
      name: 'lib-imports-no-feature',
      comment: 'src/lib is the cross-cutting core: it may not depend on any feature (or above).',
      severity: 'error',
      from: { path: '^src/(lib|i18n)/' },
      to: { path: '^src/(features|server|demo|actions|pages|layouts|middleware)' },
    },
    {
      name: 'feature-imports-no-upper-layer',
      comment:
        'Features stand on lib and db; they never import pages, actions, the composition root or demo data.',
      severity: 'error',
      from: { path: '^src/features/' },
      to: { path: '^src/(server|demo|actions|pages|middleware)' },
    },
    {
      name: 'feature-uses-another-only-through-its-index',
      comment:
        "A feature uses another feature only through that feature's index.ts (its public API), never its internals.",
      severity: 'error',
      from: { path: '^src/features/([^/]+)/' },
      to: {
        path: '^src/features/([^/]+)/',
        pathNot: ['^src/features/$1/', '^src/features/[^/]+/index\\.ts$'],
      },
    },
    {
      name: 'no-demo-on-the-server-path',
      comment: 'Demo data is loaded by scripts/seed.ts only; the server never imports it.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/demo/' },
      to: { path: '^src/demo/' },
    },
    {
      name: 'pages-hold-no-sql',
      comment:
        'Pages, actions, layouts and components read guard → load (one feature call) → render: no SQL.',
      severity: 'error',
      from: { path: '^src/(pages|actions|layouts|components|middleware)' },
      to: { path: '(^db/|^node_modules/drizzle-orm/)', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|\\.astro|data|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.svelte', '.astro', '.json'],
    },
  },
};
