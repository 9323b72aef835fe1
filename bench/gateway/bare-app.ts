/**
 * The baseline of the gateway benchmark: the smallest NestJS 12 app on the same Express platform,
 * answering GET /api/v1/organisations with a fixed page of organisations (no auth, no bus, no
 * database). Run as its own process: `BENCH_BARE_PORT=3990 node -r @swc-node/register bare-app.ts`.
 */
import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Organisation, Page } from '@strata/contracts';

const ORGANISATIONS: Organisation[] = Array.from({ length: 20 }, (_, i) => ({
  id: `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
  name: `Bench administration ${i + 1}`,
  country: 'DE',
  kind: 'public-administration',
  legalIdentifier: null,
  createdAt: '2026-01-01T00:00:00.000Z',
}));

@Controller('api/v1/organisations')
class OrganisationsController {
  @Get()
  list(): Page<Organisation> {
    return { items: ORGANISATIONS, total: ORGANISATIONS.length, limit: 20, offset: 0 };
  }
}

@Module({ controllers: [OrganisationsController] })
class BareModule {}

export async function startBareApp(
  port: number,
  host = '127.0.0.1',
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(BareModule, { logger: false });
  app.disable('x-powered-by');
  await app.listen(port, host);
  return app;
}

if (require.main === module) {
  const port = Number(process.env.BENCH_BARE_PORT ?? 3990);
  startBareApp(port).then(
    () => process.stdout.write(`bare app listening on ${port}\n`),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
