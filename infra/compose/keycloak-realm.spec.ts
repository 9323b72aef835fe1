/**
 * The production realm (infra/compose/keycloak/strata-realm.json) against the local one: the same
 * realm, roles and clients, but no demo users, no literal secrets and no local-only URLs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Client {
  clientId: string;
  publicClient?: boolean;
  secret?: string;
  directAccessGrantsEnabled?: boolean;
  redirectUris?: string[];
  webOrigins?: string[];
  rootUrl?: string;
}
interface Realm {
  realm: string;
  sslRequired: string;
  roles: { realm: { name: string }[] };
  browserFlow?: string;
  authenticationFlows?: unknown[];
  authenticatorConfig?: unknown[];
  clients: Client[];
  users?: {
    username: string;
    serviceAccountClientId?: string;
    credentials?: unknown[];
    realmRoles?: string[];
  }[];
}

const read = (path: string) => readFileSync(join(__dirname, '..', '..', path), 'utf8');
const productionText = read('infra/compose/keycloak/strata-realm.json');
const production = JSON.parse(productionText) as Realm;
const local = JSON.parse(read('infra/local/keycloak/strata-realm.json')) as Realm;
const roleNames = (r: Realm) => r.roles.realm.map((role) => role.name).sort();
const clientIds = (r: Realm) => r.clients.map((c) => c.clientId).sort();

describe('production Keycloak realm', () => {
  it('is the same realm with the same roles and clients as the local one', () => {
    expect(production.realm).toBe(local.realm);
    expect(roleNames(production)).toEqual(roleNames(local));
    expect(clientIds(production)).toEqual(clientIds(local));
    for (const client of production.clients) {
      const twin = local.clients.find((c) => c.clientId === client.clientId);
      expect({ id: client.clientId, public: client.publicClient }).toEqual({
        id: client.clientId,
        public: twin?.publicClient,
      });
    }
  });

  it('logs in through the same step-up flow as the local one (level 2 = TOTP, eIDAS substantial)', () => {
    expect(production.browserFlow).toBe(local.browserFlow);
    expect(production.authenticationFlows).toEqual(local.authenticationFlows);
    expect(production.authenticatorConfig).toEqual(local.authenticatorConfig);
  });

  it('has no demo users: only the service accounts of its clients, without credentials', () => {
    const localServiceAccounts = (local.users ?? []).filter((u) => u.serviceAccountClientId);
    expect(production.users ?? []).toEqual(localServiceAccounts);
    for (const user of production.users ?? []) expect(user.credentials).toBeUndefined();
  });

  it('takes every client secret from the environment and contains no local secret or password', () => {
    for (const client of production.clients.filter((c) => !c.publicClient)) {
      expect(client.secret).toMatch(/^\$\{[A-Z][A-Z0-9_]*\}$/);
    }
    for (const secret of local.clients.map((c) => c.secret).filter(Boolean)) {
      expect(productionText).not.toContain(secret);
    }
    expect(productionText).not.toMatch(/"credentials"/);
  });

  it('requires TLS, disables the password grant and redirects only to the public URL', () => {
    expect(['external', 'all']).toContain(production.sslRequired);
    for (const client of production.clients)
      expect(client.directAccessGrantsEnabled).not.toBe(true);
    const urls = production.clients.flatMap((c) => [
      ...(c.redirectUris ?? []),
      ...(c.webOrigins ?? []),
      c.rootUrl ?? '',
    ]);
    expect(urls.join(' ')).not.toMatch(/localhost|127\.0\.0\.1|\+/);
  });
});
