/** Every table platform-mgmt owns (besides the bus's outbox and inbox). */
import { Network, NetworkMember } from './networks/network.entity';
import { Organisation } from './organisations/organisation.entity';

export const PLATFORM_MGMT_ENTITIES = [Organisation, Network, NetworkMember];
