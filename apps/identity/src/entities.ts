/** Every table identity owns besides the bus's outbox and inbox (none yet). */
import type { EntitySchema } from '@mikro-orm/core';

export const IDENTITY_ENTITIES: EntitySchema[] = [];
