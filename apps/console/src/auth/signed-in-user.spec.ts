import { canIssueCredentials, canRegisterOrganisation } from './permissions';
import { decodeJwtPayload, rolesFromAccessToken, toSignedInUser } from './signed-in-user';

function fakeJwt(claims: object): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'none' })}.${encode(claims)}.signature`;
}

describe('signed-in user', () => {
  it('reads the Strata realm roles and ignores Keycloak default roles', () => {
    const token = fakeJwt({
      realm_access: { roles: ['platform-admin', 'offline_access', 'default-roles-strata'] },
    });
    expect(rolesFromAccessToken(token)).toEqual(['platform-admin']);
  });

  it('decodes non-ASCII claims (names with accents)', () => {
    expect(decodeJwtPayload(fakeJwt({ name: 'Zoë Łukasiewicz' }))['name']).toBe('Zoë Łukasiewicz');
  });

  it('has no roles when the token is malformed or has no realm_access', () => {
    expect(rolesFromAccessToken('not-a-jwt')).toEqual([]);
    expect(rolesFromAccessToken(fakeJwt({ sub: 'x' }))).toEqual([]);
  });

  it('prefers the full name, then the username, for display', () => {
    const token = fakeJwt({ realm_access: { roles: ['auditor'] } });
    expect(toSignedInUser({ name: 'Ada Auditor', preferred_username: 'auditor' }, token)).toEqual({
      displayName: 'Ada Auditor',
      roles: ['auditor'],
    });
    expect(toSignedInUser({ preferred_username: 'auditor' }, token).displayName).toBe('auditor');
  });
});

describe('permissions', () => {
  it('lets only platform admins register organisations', () => {
    expect(canRegisterOrganisation(['platform-admin'])).toBe(true);
    expect(canRegisterOrganisation(['auditor'])).toBe(false);
    expect(canRegisterOrganisation(['institution-admin'])).toBe(false);
    expect(canRegisterOrganisation([])).toBe(false);
  });

  it('lets institution admins and operators issue credentials, not auditors or vendors', () => {
    expect(canIssueCredentials(['institution-admin'])).toBe(true);
    expect(canIssueCredentials(['operator'])).toBe(true);
    expect(canIssueCredentials(['auditor'])).toBe(false);
    expect(canIssueCredentials(['vendor'])).toBe(false);
  });
});
