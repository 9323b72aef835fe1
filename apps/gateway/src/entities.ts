/** Every entity of the gateway's schema (`gateway`). */
import { OperationRecord } from './idempotency/operation.entity';

export const GATEWAY_SCHEMA = 'gateway';
export const GATEWAY_ENTITIES = [OperationRecord];
