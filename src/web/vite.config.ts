// The web application: a single-page app served by Fastify at /app/ (see src/http/app.ts).
// Build: `npm run build:web` → src/web/dist. Each module's pages are lazy chunks (src/modules.tsx),
// so the login page loads only the shell.
import { defineConfig, type Plugin, type UserConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

// No node: imports here (lint keeps src/web free of them); URL is a global.
const root = decodeURIComponent(new URL('.', import.meta.url).pathname);

/**
 * Writes a `.gz` beside every script and stylesheet, which Fastify serves to browsers that accept
 * gzip (`preCompressed` in src/http/app.ts): the shell is about 4× smaller on the wire, with no
 * compression work per request. CompressionStream is a web API, so no Node import is needed.
 */
function precompress(): Plugin {
  return {
    name: 'giamngheo-precompress',
    apply: 'build',
    enforce: 'post',
    // After every other plugin: Vite fills in its preload lists during generateBundle.
    generateBundle: {
      order: 'post',
      async handler(_options, bundle) {
        for (const [fileName, item] of Object.entries(bundle)) {
          if (!/\.(js|mjs|css|svg|html)$/.test(fileName)) continue;
          const source = item.type === 'chunk' ? item.code : item.source;
          const bytes = typeof source === 'string' ? new TextEncoder().encode(source) : source;
          if (bytes.byteLength < 1024) continue;
          const stream = new Blob([bytes.slice()]).stream().pipeThrough(new CompressionStream('gzip'));
          const gz = new Uint8Array(await new Response(stream).arrayBuffer());
          this.emitFile({ type: 'asset', fileName: `${fileName}.gz`, source: gz });
        }
      },
    },
  };
}

/**
 * The installable app (issue 15, docs/decisions/0036-offline-survey.md): a manifest with icons, and
 * a service worker (Workbox, generated at build) that precaches the app shell and every chunk the
 * offline survey needs, and answers every /app/ navigation with the shell when there is no network.
 * The largest libraries (charts, maps, Excel writing) are left out: they are office screens, and a
 * tablet's first visit should not download them.
 */
const pwa = VitePWA({
  registerType: 'autoUpdate',
  injectRegister: 'script',
  filename: 'sw.js',
  manifest: {
    id: '/app/',
    name: 'Giảm nghèo bền vững — Khảo sát hộ gia đình',
    short_name: 'Giảm nghèo',
    description:
      'Khảo sát hộ gia đình, kể cả khi không có mạng / Household survey, with or without a connection',
    lang: 'vi',
    start_url: '/app/offline',
    scope: '/app/',
    display: 'standalone',
    background_color: '#ffffff',
    theme_color: '#0b5c4a',
    icons: [
      { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
      { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
      { src: 'icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  },
  workbox: {
    globPatterns: ['**/*.{js,css,html,svg,png,woff2,webmanifest}'],
    globIgnores: ['**/echarts*', '**/exceljs*', '**/maplibre*', '**/EChart*', '**/*.gz'],
    maximumFileSizeToCacheInBytes: 1_500_000,
    navigateFallback: '/app/index.html',
    navigateFallbackAllowlist: [/^\/app\//],
    cleanupOutdatedCaches: true,
  },
});

// A build is always the production build, even when started from a test runner that sets
// NODE_ENV=test (React would otherwise ship its development runtime, 3× larger and slower).
const env = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env;

const config = {
  root,
  base: '/app/',
  plugins: [react(), precompress(), pwa],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // ECharts (≈ 560 kB), exceljs (≈ 930 kB) and MapLibre (≈ 1.1 MB, the Bản đồ page) are the
    // only large chunks; each is imported only on demand (a chart on screen, a click on "Tải
    // Excel", the map page), never by the shell.
    chunkSizeWarningLimit: 1200,
  },
  server: {
    // `npx vite --config src/web/vite.config.ts` during development, with the API on :8080.
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
} satisfies UserConfig;

export default defineConfig(({ command }) => {
  if (command === 'build' && env) env.NODE_ENV = 'production';
  return config;
});
