/** Finds console files inside STRATA_CONSOLE_DIR without ever leaving it. */
import { existsSync, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';

@Injectable()
export class ConsoleFiles {
  private readonly root: string;

  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig) {
    this.root = resolve(config.STRATA_CONSOLE_DIR);
  }

  /** The file for a path, index.html for anything else (SPA routes), or nothing when not built. */
  resolve(relativePath: string): string | undefined {
    const candidate = resolve(this.root, relativePath);
    if (candidate.startsWith(this.root + sep) && this.isFile(candidate)) return candidate;
    const index = resolve(this.root, 'index.html');
    return this.isFile(index) ? index : undefined;
  }

  notBuiltPage(): string {
    return '<!doctype html><html><head><meta charset="utf-8"><title>Strata</title></head><body><h1>Strata</h1><p>The console is not built yet. Build apps/console, or use the API at <a href="/api/docs">/api/docs</a>.</p></body></html>';
  }

  private isFile(path: string): boolean {
    return existsSync(path) && statSync(path).isFile();
  }
}
