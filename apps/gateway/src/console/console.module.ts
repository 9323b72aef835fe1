/** Serves the web console; imported last so its catch-all route comes after every API route. */
import { Module } from '@nestjs/common';
import { ConsoleController } from './console.controller';
import { ConsoleFiles } from './console-files';

@Module({ providers: [ConsoleFiles], controllers: [ConsoleController] })
export class ConsoleModule {}
