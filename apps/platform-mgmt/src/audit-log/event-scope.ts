/**
 * Which organisation and which network an audited event concerns, stored beside the entry for
 * filtering and for auditor grants (neither is hashed: both are derived from the hashed event).
 * The organisation: the registered one for the registry's organisation events, else the acting
 * user's organisation, else the one the payload names (`organisationId`, `ownerOrganisationId`,
 * at the top or one level down, e.g. `transaction.organisationId`). The network: the registered
 * one for the registry's network events, else the payload's `networkId` (top or one level down).
 * Events of the platform itself concern neither.
 */
import { z } from 'zod';

/** The API's uuid (RFC 9562 form), so every stored id is one the entry schema accepts. */
const uuid = z.uuid();
const ORGANISATION_EVENTS = /^strata\.platform-mgmt\.organisation-[a-z-]+\.v\d+$/;
const NETWORK_EVENTS = /^strata\.platform-mgmt\.network-[a-z-]+\.v\d+$/;

export interface EventScope {
  organisationId: string | null;
  networkId: string | null;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const uuidAt = (value: unknown, key: string): string | undefined => {
  if (!isObject(value)) return undefined;
  const found = value[key];
  return typeof found === 'string' && uuid.safeParse(found).success
    ? found.toLowerCase()
    : undefined;
};

/** The first uuid under one of `keys` in the payload, else in one of its object members. */
function named(payload: unknown, keys: readonly string[]): string | undefined {
  if (!isObject(payload)) return undefined;
  const places = [payload, ...Object.values(payload).filter(isObject)];
  for (const place of places) {
    for (const key of keys) {
      const found = uuidAt(place, key);
      if (found) return found;
    }
  }
  return undefined;
}

export function scopeOf(topic: string, envelope: Json): EventScope {
  const { payload, actor } = envelope;
  const organisationId = ORGANISATION_EVENTS.test(topic)
    ? (uuidAt(payload, 'id') ?? null)
    : (uuidAt(actor, 'organisationId') ??
      named(payload, ['organisationId', 'ownerOrganisationId']) ??
      null);
  const networkId = NETWORK_EVENTS.test(topic)
    ? (uuidAt(payload, 'networkId') ?? uuidAt(payload, 'id') ?? null)
    : (named(payload, ['networkId']) ?? null);
  return { organisationId, networkId };
}
