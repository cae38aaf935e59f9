// The marketing console's build: a static bundle under console/dist that the gateway serves at
// /console. `npm run console:dev` serves it with hot reload and proxies the gateway's paths, so
// the console always talks to one origin, as it does when the gateway serves it.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const gateway = process.env.CONSOLE_GATEWAY_URL ?? 'http://127.0.0.1:4000';

export default defineConfig({
  root: import.meta.dirname,
  base: '/console/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Offline: every asset is a file next to index.html, none inlined from or fetched off a CDN.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1200,
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: true,
    proxy: {
      '/graphql': gateway,
      '/console/dev-token': gateway,
    },
  },
});
