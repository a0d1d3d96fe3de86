import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// Two builds of one front end: the gestor's app (dist/, embedded by Tauri)
// and, with `--mode console`, the office console (dist-console/, embedded
// by the sync server and served under /console/).
export default defineConfig(({ mode }) => {
  const console = mode === 'console';
  return {
    plugins: [svelte()],
    // Tauri serves the app from its own origin, hence relative paths; the
    // console lives under /console/ on the server.
    base: console ? '/console/' : './',
    clearScreen: false,
    server: { port: 5173, strictPort: true },
    build: console
      ? { target: 'es2022', outDir: 'dist-console', rollupOptions: { input: 'console.html' } }
      : { target: 'es2022' },
    resolve: process.env.VITEST ? { conditions: ['browser'] } : undefined,
    test: { environment: 'jsdom', include: ['src/**/*.test.ts'] },
  };
});
