import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findRepoRoot } from './paths';

interface Mapper {
  protocolMapper: string;
  config: Record<string, string>;
}
interface Client {
  clientId: string;
  publicClient: boolean;
  secret?: string;
  serviceAccountsEnabled?: boolean;
  directAccessGrantsEnabled?: boolean;
  redirectUris?: string[];
  attributes?: Record<string, string>;
  protocolMappers?: Mapper[];
}
interface User {
  username: string;
  realmRoles?: string[];
  attributes?: Record<string, string[]>;
  serviceAccountClientId?: string;
  credentials?: { type: string; value?: string; secretData?: string }[];
}
interface Execution {
  authenticator?: string;
  flowAlias?: string;
  authenticatorConfig?: string;
  requirement: string;
}
interface Realm {
  realm: string;
  browserFlow?: string;
  authenticationFlows: { alias: string; authenticationExecutions: Execution[] }[];
  authenticatorConfig: { alias: string; config: Record<string, string> }[];
  roles: { realm: { name: string }[] };
  clients: Client[];
  users: User[];
  components: Record<string, { config: Record<string, string[]> }[]>;
}

const realm = JSON.parse(
  readFileSync(join(findRepoRoot(), 'infra/local/keycloak/strata-realm.json'), 'utf8'),
) as Realm;
const client = (id: string) => realm.clients.find((c) => c.clientId === id)!;
const user = (name: string) => realm.users.find((u) => u.username === name)!;
const ORGANISATION = '00000000-0000-4000-8000-000000000001';

describe('local Keycloak realm (infra/local/keycloak/strata-realm.json)', () => {
  it('is the strata realm with every platform role', () => {
    expect(realm.realm).toBe('strata');
    expect(realm.roles.realm.map((r) => r.name).sort()).toEqual(
      ['auditor', 'institution-admin', 'operator', 'platform-admin', 'vendor'].sort(),
    );
  });

  it('has the confidential gateway and automation clients with their local secrets', () => {
    expect(client('strata-gateway')).toMatchObject({
      publicClient: false,
      secret: 'strata-gateway-local-secret',
      directAccessGrantsEnabled: true,
      serviceAccountsEnabled: true,
    });
    expect(client('strata-automation')).toMatchObject({
      publicClient: false,
      secret: 'strata-automation-local-secret',
      serviceAccountsEnabled: true,
    });
    expect(user('service-account-strata-automation')).toMatchObject({
      serviceAccountClientId: 'strata-automation',
    });
    expect(user('service-account-strata-automation').realmRoles).toContain('platform-admin');
  });

  it('has a public console client that requires PKCE S256 and redirects only to local origins', () => {
    const console = client('strata-console');
    expect(console.publicClient).toBe(true);
    expect(console.attributes?.['pkce.code.challenge.method']).toBe('S256');
    expect(console.redirectUris?.sort()).toEqual(
      [
        'http://127.0.0.1:3000/*', // npm start
        'http://localhost:3000/*',
        'http://localhost:5173/*', // vite dev server
        'http://127.0.0.1:3010/*', // the e2e run's gateway (fixed port, see test/setup/global-setup.ts)
        'http://localhost:3010/*',
      ].sort(),
    );
  });

  it.each(['strata-gateway', 'strata-automation', 'strata-console'])(
    'gives %s tokens the strata-gateway audience and the organisation_id claim',
    (id) => {
      const mappers = client(id).protocolMappers ?? [];
      expect(mappers).toContainEqual(
        expect.objectContaining({
          protocolMapper: 'oidc-audience-mapper',
          config: expect.objectContaining({
            'included.client.audience': 'strata-gateway',
            'access.token.claim': 'true',
          }),
        }),
      );
      expect(mappers).toContainEqual(
        expect.objectContaining({
          protocolMapper: 'oidc-usermodel-attribute-mapper',
          config: expect.objectContaining({
            'user.attribute': 'organisation_id',
            'claim.name': 'organisation_id',
          }),
        }),
      );
    },
  );

  it('declares organisation_id in the user profile, editable by admins only', () => {
    const [profile] = realm.components['org.keycloak.userprofile.UserProfileProvider'];
    const config = JSON.parse(profile.config['kc.user.profile.config'][0]) as {
      attributes: { name: string; permissions: { edit: string[] } }[];
    };
    const attribute = config.attributes.find((a) => a.name === 'organisation_id');
    expect(attribute?.permissions.edit).toEqual(['admin']);
  });

  it.each([
    ['admin', 'platform-admin'],
    ['auditor', 'auditor'],
    ['institution', 'institution-admin'],
    ['operator', 'operator'],
    ['vendor', 'vendor'],
  ])('has demo user %s with role %s and password "strata"', (name, role) => {
    expect(user(name).realmRoles).toContain(role);
    expect(user(name).credentials?.[0]?.value).toBe('strata');
  });

  it('places institution and operator in the demo organisation', () => {
    expect(user('institution').attributes?.organisation_id).toEqual([ORGANISATION]);
    expect(user('operator').attributes?.organisation_id).toEqual([ORGANISATION]);
  });
});

describe('the local realm step-up login (eIDAS substantial)', () => {
  const flow = (alias: string) =>
    realm.authenticationFlows.find((f) => f.alias === alias)!.authenticationExecutions;
  const levelOf = (execution: Execution) =>
    realm.authenticatorConfig.find((c) => c.alias === execution.authenticatorConfig)?.config[
      'loa-condition-level'
    ];

  it('logs in through a flow whose level 1 is the password and level 2 adds a TOTP code', () => {
    expect(realm.browserFlow).toBe('strata step-up');
    const [cookie, forms] = flow('strata step-up');
    expect(cookie).toMatchObject({ authenticator: 'auth-cookie', requirement: 'ALTERNATIVE' });
    const levels = flow(forms.flowAlias!).map((level) => flow(level.flowAlias!));
    expect(levels.map(([condition, form]) => [levelOf(condition), form.authenticator])).toEqual([
      ['1', 'auth-username-password-form'],
      ['2', 'auth-otp-form'],
    ]);
  });

  it('has a demo notary with a password and a TOTP credential', () => {
    expect(user('notary').attributes?.organisation_id).toEqual([ORGANISATION]);
    expect(user('notary').credentials?.map((c) => c.type)).toEqual(['password', 'otp']);
    const otp = user('notary').credentials!.find((c) => c.type === 'otp')!;
    expect(JSON.parse(otp.secretData!)).toEqual({ value: 'strata-demo-totp-secret' });
  });
});
