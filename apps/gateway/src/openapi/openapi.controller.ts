/** `/api/openapi.json` and the Swagger UI at `/api/docs`, served from swagger-ui-dist (no CDN). */
import { Controller, Get, Header, Inject, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeController, type OpenAPIObject } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { Public } from '@strata/auth';
import type { Response } from 'express';
import { dirname, join } from 'node:path';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { OpenApiHolder } from './openapi-holder';

const SWAGGER_UI_DIR = dirname(require.resolve('swagger-ui-dist/package.json'));
const ASSETS = new Set([
  'swagger-ui.css',
  'swagger-ui-bundle.js',
  'swagger-ui-standalone-preset.js',
  'favicon-32x32.png',
]);

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>Strata API</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css"></head><body><div id="swagger-ui"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script><script src="/api/docs/init.js"></script></body></html>`;

@ApiExcludeController()
@SkipThrottle()
@Controller('api')
export class OpenApiController {
  constructor(
    private readonly holder: OpenApiHolder,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Get('openapi.json')
  @Public()
  document(): OpenAPIObject {
    return this.holder.get();
  }

  @Get('docs')
  @Public()
  @Header('Content-Type', 'text/html; charset=utf-8')
  page(): string {
    return PAGE;
  }

  @Get('docs/init.js')
  @Public()
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  init(): string {
    const oauth = {
      clientId: this.config.STRATA_CONSOLE_OIDC_CLIENT_ID,
      usePkceWithAuthorizationCodeGrant: true,
      scopes: 'openid',
    };
    return `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui', persistAuthorization: false });\nwindow.ui.initOAuth(${JSON.stringify(oauth)});\n`;
  }

  @Get('docs/:asset')
  @Public()
  asset(@Param('asset') asset: string, @Res() res: Response): void {
    if (!ASSETS.has(asset)) throw new NotFoundException(`Cannot GET /api/docs/${asset}`);
    res.sendFile(join(SWAGGER_UI_DIR, asset));
  }
}
