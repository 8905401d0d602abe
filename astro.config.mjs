// @ts-check
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';
import svelte from '@astrojs/svelte';
import { CSP_DIRECTIVES, CSP_STYLE_RESOURCES } from './src/lib/csp.ts';

export default defineConfig({
  output: 'server',
  adapter: node({ mode: 'standalone' }),
  integrations: [svelte()],
  site: process.env.PUBLIC_URL || 'http://localhost:4321',
  server: { host: process.env.HOST || '127.0.0.1', port: Number(process.env.PORT) || 4321 },
  i18n: {
    defaultLocale: 'es',
    locales: ['es', 'en'],
    routing: { prefixDefaultLocale: false },
  },
  security: {
    checkOrigin: true,
    csp: {
      // One list for Astro and for the middleware's fallback (src/lib/csp.ts).
      directives: [...CSP_DIRECTIVES],
      styleDirective: { resources: [...CSP_STYLE_RESOURCES] },
    },
    // Uploads (2 MB event covers, refused beside the field up to 10 MB) go through actions; each form's own, smaller limit is enforced
    // earlier by the middleware (src/lib/server/body-guard.ts).
    actionBodySizeLimit: 11 * 1024 * 1024,
  },
  markdown: { syntaxHighlight: false },
  vite: {
    ssr: { external: ['@node-rs/argon2', '@electric-sql/pglite', 'postgres'] },
  },
});
