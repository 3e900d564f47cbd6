/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { fileURLToPath } from 'node:url';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** The libraries the first screen needs; every other library is the charts'. */
const FIRST_SCREEN_LIBRARIES = /\/node_modules\/(svelte|esm-env|clsx|@tauri-apps|nhsuk-frontend)\//;

export default defineConfig({
  // svelteTesting only acts under Vitest: browser builds of Svelte, and DOM cleanup per test.
  plugins: [svelte(), svelteTesting()],
  // Relative asset paths, because Tauri serves the bundle from its own origin.
  base: './',
  clearScreen: false,
  resolve: {
    alias: {
      $lib: here('./src/lib'),
      // The NHS stylesheet's icons, bundled (or inlined) by Vite rather than fetched.
      '@nhsuk-assets': here('./node_modules/nhsuk-frontend/dist/nhsuk/assets'),
    },
  },
  server: {
    port: 1420,
    strictPort: true,
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rollupOptions: {
      output: {
        // Each page's code is fetched when it is first shown (pages/routes.ts). The chart library
        // and its d3 parts are a chunk of their own, fetched only with the pages that draw charts;
        // the other libraries, which every screen needs, are one more.
        manualChunks: (id) =>
          !id.includes('/node_modules/') ? undefined : FIRST_SCREEN_LIBRARIES.test(id) ? 'vendor' : 'charts',
      },
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts'],
    setupFiles: ['./src/test/setup.ts'],
    restoreMocks: true,
    // A test that opens pages fetches (and, under vitest, transforms) each page's code as it is
    // first shown, inside the test's own time: on a busy two-core machine that outlasted 5 s.
    testTimeout: 20_000,
  },
});
