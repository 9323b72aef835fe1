/**
 * Which organisation an audited event concerns, for the organisation filter: the acting user's
 * organisation, else the organisation the payload names (`organisationId`,
 * `ownerOrganisationId`). Events of the platform itself have none.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const uuidAt = (value: unknown, key: string): string | undefined => {
  if (!value || typeof value !== 'object') return undefined;
  const found = (value as Record<string, unknown>)[key];
  return typeof found === 'string' && UUID.test(found) ? found.toLowerCase() : undefined;
};

export function organisationOf(envelope: Record<string, unknown>): string | undefined {
  return (
    uuidAt(envelope.actor, 'organisationId') ??
    uuidAt(envelope.payload, 'organisationId') ??
    uuidAt(envelope.payload, 'ownerOrganisationId')
  );
}
