/** Every table template-marketplace owns besides the bus's outbox and inbox (none yet). */
import type { EntitySchema } from '@mikro-orm/core';

export const TEMPLATE_MARKETPLACE_ENTITIES: EntitySchema[] = [];
