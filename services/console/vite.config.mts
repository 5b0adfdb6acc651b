/// <reference types="vitest/config" />
// The operator console: built to dist/console at the repository root, where the gateway serves it (CONSOLE_DIR).
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../../dist/console', import.meta.url)),
    emptyOutDir: true,
    // No inline script or style in the output: a strict same-origin Content-Security-Policy must hold.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
  },
  // `npm run dev -w`-less: `npx vite --config services/console/vite.config.ts` proxies the API to a running `npm start`.
  server: { proxy: { '/v1': 'http://127.0.0.1:8080' } },
  test: {
    root: here,
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test-setup.ts'],
  },
});
