/**
 * /api/v1/networks/{id}/monitoring and /alerts: the live health of a network's nodes (polled by
 * platform-mgmt), its alerts, and its alert thresholds and webhooks.
 */
import { Controller, Get, Headers, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@strata/auth';
import {
  alertPageSchema,
  listAlertsQuerySchema,
  monitoringSettingsBodySchema,
  monitoringSettingsSchema,
  networkHealthSchema,
  nodeHealthSchema,
  type Actor,
  type Alert,
  type ListAlertsQuery,
  type MonitoringSettings,
  type MonitoringSettingsBody,
  type NetworkHealth,
  type NodeHealth,
  type Page,
} from '@strata/contracts';
import type { Response } from 'express';
import { CurrentActor } from '../auth/current-actor.decorator';
import { validateIdempotencyKey } from '../idempotency/idempotency.service';
import {
  ApiIdempotencyKey,
  ApiJsonBody,
  ApiJsonResponse,
  ApiOperationId,
  ApiProblems,
  ApiUuidParam,
  ApiZodQuery,
} from '../openapi/api-decorators';
import { OperationsService } from '../operations/operations.service';
import { respondToSubmission } from '../operations/submission-response';
import { UuidParam, ValidBody, ValidQuery } from '../validation/params';
import { AuditorScope } from '../auditor-grants/auditor-scope.guard';
import { MonitoringClient } from './monitoring.client';

const READERS = ['platform-admin', 'operator', 'institution-admin', 'auditor'] as const;

@ApiTags('monitoring')
@ApiBearerAuth('bearer')
@Controller('api/v1/networks/:id')
@AuditorScope({ network: 'id' })
export class MonitoringController {
  constructor(
    private readonly operations: OperationsService,
    private readonly monitoring: MonitoringClient,
  ) {}

  @Get('monitoring')
  @Roles(...READERS)
  @ApiOperationId('getNetworkHealth', 'The latest observation of every node of the network')
  @ApiUuidParam('id')
  @ApiJsonResponse(200, 'NetworkHealth', 'The network health')
  @ApiProblems(400, 403, 404)
  health(@UuidParam('id') networkId: string, @CurrentActor() actor: Actor): Promise<NetworkHealth> {
    return this.monitoring.query(
      { query: 'get-network-health', networkId },
      actor,
      networkHealthSchema,
    );
  }

  @Get('monitoring/nodes/:nodeId')
  @Roles(...READERS)
  @ApiOperationId('getNodeHealth', 'The latest observation of one node')
  @ApiUuidParam('id')
  @ApiUuidParam('nodeId')
  @ApiJsonResponse(200, 'NodeHealth', 'The node health')
  @ApiProblems(400, 403, 404)
  nodeHealth(
    @UuidParam('id') networkId: string,
    @UuidParam('nodeId') nodeId: string,
    @CurrentActor() actor: Actor,
  ): Promise<NodeHealth> {
    return this.monitoring.query(
      { query: 'get-node-health', networkId, nodeId },
      actor,
      nodeHealthSchema,
    );
  }

  @Get('monitoring/settings')
  @Roles(...READERS)
  @ApiOperationId('getMonitoringSettings', 'The alert thresholds and webhooks of the network')
  @ApiUuidParam('id')
  @ApiJsonResponse(200, 'MonitoringSettings', 'The settings in force')
  @ApiProblems(400, 403, 404)
  settings(
    @UuidParam('id') networkId: string,
    @CurrentActor() actor: Actor,
  ): Promise<MonitoringSettings> {
    return this.monitoring.query(
      { query: 'get-monitoring-settings', networkId },
      actor,
      monitoringSettingsSchema,
    );
  }

  @Put('monitoring/settings')
  @Roles('platform-admin', 'operator')
  @ApiOperationId('configureMonitoring', 'Set the alert thresholds and webhooks of the network')
  @ApiUuidParam('id')
  @ApiIdempotencyKey()
  @ApiJsonBody('ConfigureMonitoring')
  @ApiJsonResponse(201, 'MonitoringSettings', 'Stored', { Location: 'URL of the settings' })
  @ApiJsonResponse(202, 'OperationAccepted', 'Still running; poll the operation', {
    Location: 'URL of the operation',
  })
  @ApiProblems(400, 403, 404, 413, 415)
  async configure(
    @UuidParam('id') networkId: string,
    @ValidBody(monitoringSettingsBodySchema) body: MonitoringSettingsBody,
    @Headers('idempotency-key') rawKey: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<unknown> {
    const operation = await this.operations.submit({
      kind: 'configure-monitoring',
      actor,
      idempotencyKey: validateIdempotencyKey(rawKey),
      body: { networkId, settings: body },
      key: networkId,
    });
    return respondToSubmission(operation, res);
  }

  @Get('alerts')
  @Roles(...READERS)
  @ApiOperationId('listAlerts', 'The alerts of the network, newest first')
  @ApiUuidParam('id')
  @ApiZodQuery(listAlertsQuerySchema)
  @ApiJsonResponse(200, 'AlertPage', 'A page of alerts')
  @ApiProblems(400, 403, 404)
  alerts(
    @UuidParam('id') networkId: string,
    @ValidQuery(listAlertsQuerySchema) params: ListAlertsQuery,
    @CurrentActor() actor: Actor,
  ): Promise<Page<Alert>> {
    return this.monitoring.query(
      { query: 'list-alerts', networkId, params },
      actor,
      alertPageSchema,
    );
  }
}
