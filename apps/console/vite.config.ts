/**
 * Vite build and dev server for the Strata console. The gateway serves the built files from
 * apps/console/dist; in development, Vite proxies the API and the runtime config to it.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const workspaceRoot = fileURLToPath(new URL('../..', import.meta.url));
const consoleRoot = fileURLToPath(new URL('.', import.meta.url));
const generatedSdk = `${workspaceRoot}libs/sdk/src/index.ts`;
// Until the SDK is generated, a hand-written stand-in with the same shape keeps the build going.
const sdkEntry = existsSync(generatedSdk) ? generatedSdk : `${consoleRoot}src/api/sdk-stand-in.ts`;
const gatewayUrl = process.env['STRATA_GATEWAY_URL'] ?? 'http://localhost:3000';

export default defineConfig({
  root: consoleRoot,
  plugins: [react()],
  resolve: {
    alias: {
      '@strata/sdk': sdkEntry,
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
