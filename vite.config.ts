import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The client lives in client/; the server serves the built files from dist/client.
export default defineConfig({
  root: 'client',
  plugins: [react()],
  resolve: {
    // One copy of each: two copies of yjs break instanceof checks and sync silently.
    dedupe: ['yjs', 'y-protocols', 'lib0', '@tiptap/pm'],
  },
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    sourcemap: true,
    // The postmortem route is its own chunk, mostly TipTap, ProseMirror and Yjs (~180 kB gzip).
    chunkSizeWarningLimit: 700,
  },
  server: {
    proxy: {
      // Not '/api': that would also catch the app's own module client/api/client.ts.
      '^/api/(?!.*\\.tsx?(\\?|$))': 'http://127.0.0.1:3000',
      '/collab': { target: 'ws://127.0.0.1:3000', ws: true },
    },
  },
});
