/**
 * The web console: its static build at `/` with an SPA fallback to index.html, and the public
 * `/console-config.json` it reads at start. Registered last so API routes win.
 */
import { Controller, Get, Inject, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@strata/auth';
import type { Response } from 'express';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { ConsoleFiles } from './console-files';

const NOT_CONSOLE = /^(api|health|metrics)(\/|$)/;

@ApiExcludeController()
@Controller()
export class ConsoleController {
  constructor(
    private readonly files: ConsoleFiles,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Get('console-config.json')
  @Public()
  consoleConfig(): { oidcAuthority: string; oidcClientId: string; apiBaseUrl: string } {
    return {
      oidcAuthority: this.config.STRATA_OIDC_ISSUER,
      oidcClientId: this.config.STRATA_CONSOLE_OIDC_CLIENT_ID,
      apiBaseUrl: '',
    };
  }

  @Get('{*path}')
  @Public()
  serve(@Param('path') path: string[] | undefined, @Res() res: Response): void {
    const relative = (path ?? []).join('/');
    if (NOT_CONSOLE.test(relative)) throw new NotFoundException(`Cannot GET /${relative}`);
    const file = this.files.resolve(relative);
    if (file) return res.sendFile(file);
    res.status(200).type('html').send(this.files.notBuiltPage());
  }
}
