import { randomUUID } from 'node:crypto';
import { scopeOf } from './event-scope';

const ORG = randomUUID();
const OTHER_ORG = randomUUID();
const NET = randomUUID();

describe('scopeOf', () => {
  it('gives an organisation registration the registered organisation, not the acting admin', () => {
    const scope = scopeOf('strata.platform-mgmt.organisation-registered.v1', {
      actor: { subject: 'admin', roles: ['platform-admin'], organisationId: OTHER_ORG },
      payload: { id: ORG, name: 'Agency' },
    });
    expect(scope).toEqual({ organisationId: ORG, networkId: null });
  });

  it('gives a network registration the registered network', () => {
    const scope = scopeOf('strata.platform-mgmt.network-registered.v1', {
      actor: { subject: 'admin', roles: ['platform-admin'] },
      payload: { id: NET, memberOrganisationIds: [ORG] },
    });
    expect(scope).toEqual({ organisationId: null, networkId: NET });
  });

  it("prefers the acting user's organisation, else the payload's, at the top or one level down", () => {
    expect(
      scopeOf('strata.ledger.signing-account-created.v1', {
        actor: { subject: 'u', roles: ['institution-admin'], organisationId: ORG },
        payload: { networkId: NET, organisationId: OTHER_ORG },
      }),
    ).toEqual({ organisationId: ORG, networkId: NET });
    expect(
      scopeOf('strata.ledger.event-listener-changed.v1', {
        payload: { change: 'created', listener: { networkId: NET, organisationId: ORG } },
      }),
    ).toEqual({ organisationId: ORG, networkId: NET });
    expect(
      scopeOf('strata.platform-mgmt.node-joined.v1', {
        payload: { networkId: NET, ownerOrganisationId: ORG.toUpperCase() },
      }),
    ).toEqual({ organisationId: ORG, networkId: NET });
  });

  it('leaves platform events and malformed ids without a scope', () => {
    expect(
      scopeOf('strata.platform-mgmt.audit-anchoring-configured.v1', {
        payload: {
          test: 'x',
          networkId: 'not-a-uuid',
          organisationId: '11111111-1111-1111-1111-111111111111', // no RFC 9562 variant
          nested: [{ networkId: NET }],
        },
      }),
    ).toEqual({ organisationId: null, networkId: null });
    expect(scopeOf('strata.identity.did-created.v1', { payload: 'text' })).toEqual({
      organisationId: null,
      networkId: null,
    });
  });
});
