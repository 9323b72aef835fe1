/**
 * Vite build and dev server for the Strata console. The gateway serves the built files from
 * apps/console/dist; in development, Vite proxies the API and the runtime config to it.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const workspaceRoot = fileURLToPath(new URL('../..', import.meta.url));
const consoleRoot = fileURLToPath(new URL('.', import.meta.url));
const gatewayUrl = process.env['STRATA_GATEWAY_URL'] ?? 'http://localhost:3000';

export default defineConfig({
  root: consoleRoot,
  plugins: [react()],
  resolve: {
    alias: {
      '@strata/sdk': `${workspaceRoot}libs/sdk/src/index.ts`,
      '@strata/contracts': `${workspaceRoot}libs/contracts/src/index.ts`,
    },
  },
  build: { outDir: `${consoleRoot}dist`, emptyOutDir: true, sourcemap: true },
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      '/api': gatewayUrl,
      '/console-config.json': gatewayUrl,
    },
  },
});
