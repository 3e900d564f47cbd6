/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { fileURLToPath } from 'node:url';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

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
        // Libraries (chiefly the chart library) in a chunk of their own, so neither chunk
        // passes Vite's 500 kB warning as the app grows.
        manualChunks: (id) => (id.includes('/node_modules/') ? 'vendor' : undefined),
      },
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts'],
    setupFiles: ['./src/test/setup.ts'],
    restoreMocks: true,
  },
});
