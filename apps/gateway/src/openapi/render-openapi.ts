/**
 * The OpenAPI document as the checked-in file holds it: built from the real modules with
 * offline adapters and default configuration, sorted, two-space JSON with a final newline.
 */
import { createGateway } from '../app.setup';
import { loadGatewayConfig } from '../config';
import { offlineAdapters } from '../offline-adapters';
import { OpenApiHolder } from './openapi-holder';

export function serialiseOpenApi(document: unknown): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

export async function renderOpenApi(): Promise<string> {
  const config = loadGatewayConfig({ STRATA_LOG_LEVEL: 'fatal' });
  const app = await createGateway(config, offlineAdapters(config), { quiet: true });
  try {
    return serialiseOpenApi(app.get(OpenApiHolder).get());
  } finally {
    await app.close();
  }
}
