/**
 * Writes the gateway's OpenAPI document to docs/openapi.json (or the path given), without Kafka
 * or PostgreSQL. `npm run openapi:generate`.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { renderOpenApi } from '../apps/gateway/src/openapi/render-openapi';

export const OPENAPI_PATH = 'docs/openapi.json';

export async function writeOpenApi(target = OPENAPI_PATH): Promise<string> {
  const path = resolve(target);
  writeFileSync(path, await renderOpenApi());
  return path;
}

if (require.main === module) {
  writeOpenApi(process.argv[2])
    .then((path) => console.log(`wrote ${path}`))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
