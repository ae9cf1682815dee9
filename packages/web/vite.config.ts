import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';

// `chartproof-source` lets the app bundle @chartproof/ledger/verify from its TypeScript source,
// so the web build never waits on (or drifts from) the ledger's dist/.
export default defineConfig({
  plugins: [react()],
  resolve: { conditions: ['chartproof-source', ...defaultClientConditions] },
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 400,
  },
  server: { port: Number(process.env.WEB_PORT ?? 5173), strictPort: true },
  preview: { port: Number(process.env.WEB_PORT ?? 4173), strictPort: true },
});
