/** OpenAPI document and docs UI. */
import { Global, Module } from '@nestjs/common';
import { OpenApiController } from './openapi.controller';
import { OpenApiHolder } from './openapi-holder';

@Global()
@Module({ providers: [OpenApiHolder], controllers: [OpenApiController], exports: [OpenApiHolder] })
export class OpenApiModule {}
