/** The checked-in migrations of platform-mgmt's schema, in order. Generated entries only. */
import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261127073903_node_permission_revocation } from './Migration20261127073903_node_permission_revocation';
import { Migration20261127072737_network_membership_revision } from './Migration20261127072737_network_membership_revision';
import { Migration20261126143838_audit_entry_network } from './Migration20261126143838_audit_entry_network';
import { Migration20261126122246_parameter_transitions } from './Migration20261126122246_parameter_transitions';
import { Migration20261126115148_auditor_grants } from './Migration20261126115148_auditor_grants';
import { Migration20261126113903_audit_log } from './Migration20261126113903_audit_log';
import { Migration20261126113613_monitoring } from './Migration20261126113613_monitoring';
import { Migration20261123155040_node_permissioning } from './Migration20261123155040_node_permissioning';
import { Migration20261123153715_governance } from './Migration20261123153715_governance';
import { Migration20261123152635_consortium } from './Migration20261123152635_consortium';
import { Migration20261123144553_initial } from './Migration20261123144553_initial';

export const PLATFORM_MGMT_MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261123144553_initial', class: Migration20261123144553_initial },
  { name: 'Migration20261123152635_consortium', class: Migration20261123152635_consortium },
  { name: 'Migration20261123153715_governance', class: Migration20261123153715_governance },
  {
    name: 'Migration20261123155040_node_permissioning',
    class: Migration20261123155040_node_permissioning,
  },
  { name: 'Migration20261126113613_monitoring', class: Migration20261126113613_monitoring },
  { name: 'Migration20261126113903_audit_log', class: Migration20261126113903_audit_log },
  { name: 'Migration20261126115148_auditor_grants', class: Migration20261126115148_auditor_grants },
  {
    name: 'Migration20261126122246_parameter_transitions',
    class: Migration20261126122246_parameter_transitions,
  },
  {
    name: 'Migration20261126143838_audit_entry_network',
    class: Migration20261126143838_audit_entry_network,
  },
  {
    name: 'Migration20261127072737_network_membership_revision',
    class: Migration20261127072737_network_membership_revision,
  },
  {
    name: 'Migration20261127073903_node_permission_revocation',
    class: Migration20261127073903_node_permission_revocation,
  },
];
