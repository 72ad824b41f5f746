import { defineConfig } from 'vite';

/**
 * The web front end: `vite build apps/web` writes it to dist/web, beside the built API, which
 * serves it at /. Vite compiles the TSX itself (Oxc) with React's automatic JSX runtime.
 */
export default defineConfig({
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 400,
  },
});
