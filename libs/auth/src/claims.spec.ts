import { actorFromClaims, InvalidClaimsError } from './claims';

describe('actorFromClaims', () => {
  it('keeps only the realm roles Strata knows, once each', () => {
    const actor = actorFromClaims({
      sub: 's',
      realm_access: { roles: ['operator', 'default-roles-strata', 'operator', 'vendor'] },
    });
    expect(actor.roles).toEqual(['operator', 'vendor']);
  });

  it('maps the organisation id only when it is a uuid', () => {
    const id = '7b0e4a4e-7c1c-4a43-9d43-2d5cf0a1b1a1';
    expect(actorFromClaims({ sub: 's', organisation_id: id }).organisationId).toBe(id);
    expect(actorFromClaims({ sub: 's', organisation_id: 'acme' }).organisationId).toBeUndefined();
  });

  it('gives no roles when realm_access is missing or malformed', () => {
    expect(actorFromClaims({ sub: 's' }).roles).toEqual([]);
    expect(actorFromClaims({ sub: 's', realm_access: { roles: 'platform-admin' } }).roles).toEqual(
      [],
    );
  });

  it('maps the acr claim to an eIDAS level of assurance', () => {
    expect(actorFromClaims({ sub: 's', acr: '1' }).levelOfAssurance).toBe('low');
    expect(
      actorFromClaims({ sub: 's', acr: 'http://eidas.europa.eu/LoA/high' }).levelOfAssurance,
    ).toBe('high');
    expect(actorFromClaims({ sub: 's', acr: '0' })).not.toHaveProperty('levelOfAssurance');
  });

  it('rejects a token without a subject', () => {
    expect(() => actorFromClaims({})).toThrow(InvalidClaimsError);
  });
});
