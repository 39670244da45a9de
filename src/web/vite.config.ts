// The web application: a single-page app served by Fastify at /app/ (see src/http/app.ts).
// Build: `npm run build:web` → src/web/dist. Each module's pages are lazy chunks (src/modules.tsx),
// so the login page loads only the shell.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// No node: imports here (lint keeps src/web free of them); URL is a global.
const root = decodeURIComponent(new URL('.', import.meta.url).pathname);

export default defineConfig({
  root,
  base: '/app/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // ECharts alone is ~1 MB before tree-shaking; it is imported only by lazy chart components.
    chunkSizeWarningLimit: 700,
  },
  server: {
    // `npx vite --config src/web/vite.config.ts` during development, with the API on :8080.
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
});
