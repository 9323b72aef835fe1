/** Every table app-store owns besides the bus's outbox and inbox (none yet). */
import type { EntitySchema } from '@mikro-orm/core';

export const APP_STORE_ENTITIES: EntitySchema[] = [];
