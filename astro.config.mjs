// @ts-check
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';
import svelte from '@astrojs/svelte';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { CSP_DIRECTIVES, CSP_STYLE_RESOURCES } from './src/lib/csp.ts';

/**
 * Brotli (quality 11) and gzip (level 9) copies of the text assets under /_astro/, written beside
 * them once at build time; scripts/server.mjs serves them by Accept-Encoding.
 * @returns {import('astro').AstroIntegration}
 */
function precompressAssets() {
  const brotli = promisify(zlib.brotliCompress);
  const gzip = promisify(zlib.gzip);
  return {
    name: 'vinculo-precompress',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const assets = path.join(fileURLToPath(dir), '_astro');
        const names = await readdir(assets).catch(() => []);
        let before = 0;
        let after = 0;
        await Promise.all(
          names
            .filter((n) => /\.(m?js|css|svg|json|txt)$/.test(n))
            .map(async (name) => {
              const file = path.join(assets, name);
              const body = await readFile(file);
              if (body.byteLength < 512) return;
              const [br, gz] = await Promise.all([
                brotli(body, {
                  params: {
                    [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
                    [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
                  },
                }),
                gzip(body, { level: 9 }),
              ]);
              before += body.byteLength;
              after += br.byteLength;
              if (br.byteLength < body.byteLength) await writeFile(`${file}.br`, br);
              if (gz.byteLength < body.byteLength) await writeFile(`${file}.gz`, gz);
            }),
        );
        logger.info(`precompressed /_astro/: ${before} → ${after} bytes with brotli`);
      },
    },
  };
}

export default defineConfig({
  output: 'server',
  adapter: node({ mode: 'standalone' }),
  integrations: [svelte(), precompressAssets()],
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
