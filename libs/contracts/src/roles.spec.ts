import { hasGlobalReadScope } from './roles';

describe('hasGlobalReadScope', () => {
  it('gives auditors and platform admins a global read scope', () => {
    expect(hasGlobalReadScope({ subject: 'a', roles: ['auditor'] })).toBe(true);
    expect(hasGlobalReadScope({ subject: 'a', roles: ['platform-admin'] })).toBe(true);
  });
  it('keeps institution admins scoped to their organisation', () => {
    expect(hasGlobalReadScope({ subject: 'a', roles: ['institution-admin'] })).toBe(false);
  });
});
