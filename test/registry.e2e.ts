/**
 * The first vertical slice end to end, on the real stack, through the generated SDK:
 * gateway -> Kafka -> platform-mgmt (-> ledger -> anvil), with real Keycloak tokens.
 */
import { randomUUID } from 'node:crypto';
import {
  createUser,
  decodeTokenClaims,
  jsonRpc,
  killApp,
  passwordToken,
  readE2eRun,
  restartApp,
} from '@strata/testing';
import { apiAs, apiWith, automationApi, type Api, problemOf, raw, uniqueName } from './support/api';
import { eventually } from './support/eventually';

async function registerOrganisation(api: Api, name = uniqueName('Agency')) {
  return api.organisations.registerOrganisation({ registerOrganisation: { name, country: 'IT' } });
}

async function countByName(api: Api, name: string): Promise<number> {
  return (await api.organisations.listOrganisations({ name })).total;
}

/** An institution-admin user of `organisationId`, created in the real realm for this test. */
async function institutionAdminOf(organisationId: string): Promise<Api> {
  const username = `inst-${randomUUID().slice(0, 8)}`;
  await createUser({
    username,
    password: 'strata-test',
    roles: ['institution-admin'],
    organisationId,
  });
  return apiAs(username, 'strata-test');
}

describe('organisations and networks registry, end to end', () => {
  let admin: Api;
  let auditor: Api;

  beforeAll(async () => {
    admin = await apiAs('admin');
    auditor = await apiAs('auditor');
  });

  it('registers an organisation with a client-credentials token and lists and reads it with a password-grant token', async () => {
    const automation = await automationApi();
    const name = uniqueName('Agenzia delle Entrate');

    const created = await automation.organisations.registerOrganisation({
      registerOrganisation: {
        name,
        country: 'IT',
        legalIdentifier: `LEI-${randomUUID().slice(0, 12)}`,
      },
    });

    expect(created).toMatchObject({ name, country: 'IT', kind: 'public-administration' });
    const page = await admin.organisations.listOrganisations({ name, limit: 10 });
    expect(page.items.map((o) => o.id)).toEqual([created.id]);
    expect(page).toMatchObject({ total: 1, limit: 10, offset: 0 });
    expect(await admin.organisations.getOrganisation({ id: created.id })).toMatchObject({
      id: created.id,
      name,
    });
  });

  it('registers a network on the local anvil chain and reads its live chain id and latest block through the ledger', async () => {
    const member = await registerOrganisation(admin);
    const { anvilRpcUrl } = readE2eRun();
    const network = await admin.networks.registerNetwork({
      registerNetwork: {
        name: uniqueName('EBSI-like pilot'),
        memberOrganisationIds: [member.id],
        rpcUrl: anvilRpcUrl,
      },
    });
    const headBefore = Number(await jsonRpc<string>(anvilRpcUrl, 'eth_blockNumber'));

    const detail = await eventually(async () => {
      const read = await admin.networks.getNetwork({ id: network.id });
      return read.chain.reachable ? read : undefined;
    }, 'the ledger to report the chain');

    expect(detail).toMatchObject({
      id: network.id,
      memberOrganisationIds: [member.id],
      rpcUrl: anvilRpcUrl,
    });
    expect(detail.chain).toMatchObject({ reachable: true, chainId: '31337' });
    const { latestBlock } = detail.chain as { latestBlock: { number: number; hash: string } };
    expect(latestBlock.number).toBeGreaterThanOrEqual(headBefore);
    expect(latestBlock.hash).toMatch(/^0x[0-9a-f]{64}$/);
  });

  it('lets an auditor read what their grant covers and refuses every write with 403 problem+json, storing nothing', async () => {
    const name = uniqueName('Audited');
    const existing = await registerOrganisation(admin);
    const granted = await raw(
      admin,
      'POST',
      '/api/v1/auditor-grants',
      {
        auditorSubject: decodeTokenClaims(auditor.token).sub,
        organisationIds: [existing.id],
        expiresAt: new Date(Date.now() + 600_000).toISOString(),
      },
      { 'idempotency-key': randomUUID() },
    );
    expect(granted.status).toBe(201);
    const page = await auditor.organisations.listOrganisations({ limit: 100 });
    expect(page.total).toBeGreaterThan(0);
    await expect(auditor.organisations.getOrganisation({ id: existing.id })).resolves.toMatchObject(
      { id: existing.id },
    );

    const refusedOrganisation = await problemOf(
      auditor.organisations.registerOrganisation({ registerOrganisation: { name, country: 'FR' } }),
    );
    const refusedNetwork = await problemOf(
      auditor.networks.registerNetwork({
        registerNetwork: {
          name,
          memberOrganisationIds: [existing.id],
          rpcUrl: 'http://127.0.0.1:1',
        },
      }),
    );

    for (const refused of [refusedOrganisation, refusedNetwork]) {
      expect(refused.status).toBe(403);
      expect(refused.contentType).toContain('application/problem+json');
      expect(refused.problem).toMatchObject({
        status: 403,
        type: expect.stringMatching(/^urn:strata:problem:/),
      });
    }
    expect(await countByName(admin, name)).toBe(0);
    expect((await admin.networks.listNetworks({ name })).total).toBe(0);
  });

  it("shows an institution-admin only the networks of its organisation: another organisation's network is 404", async () => {
    const [mine, theirs] = [await registerOrganisation(admin), await registerOrganisation(admin)];
    const rpcUrl = readE2eRun().anvilRpcUrl;
    const myNetwork = await admin.networks.registerNetwork({
      registerNetwork: { name: uniqueName('Mine'), memberOrganisationIds: [mine.id], rpcUrl },
    });
    const theirNetwork = await admin.networks.registerNetwork({
      registerNetwork: { name: uniqueName('Theirs'), memberOrganisationIds: [theirs.id], rpcUrl },
    });
    const institution = await institutionAdminOf(mine.id);

    const visible = await institution.networks.listNetworks({ limit: 100 });

    expect(visible.items.map((n) => n.id)).toEqual([myNetwork.id]);
    await expect(institution.networks.getNetwork({ id: myNetwork.id })).resolves.toMatchObject({
      id: myNetwork.id,
    });
    expect((await problemOf(institution.networks.getNetwork({ id: theirNetwork.id }))).status).toBe(
      404,
    );
    expect(
      (await institution.networks.listNetworks({ memberOrganisationId: theirs.id })).total,
    ).toBe(0);
    expect(
      (
        await problemOf(
          institution.organisations.registerOrganisation({
            registerOrganisation: { name: uniqueName('Nope'), country: 'DE' },
          }),
        )
      ).status,
    ).toBe(403);
  });

  it('answers 401 problem+json without a valid token', async () => {
    const anonymous = await raw(
      { baseUrl: admin.baseUrl, token: 'not-a-token' },
      'GET',
      '/api/v1/organisations',
    );
    expect(anonymous.status).toBe(401);
    expect(anonymous.contentType).toContain('application/problem+json');
  });

  it('refuses malformed, unknown and oversized input with 400/413/422 problem+json and stores nothing', async () => {
    const name = uniqueName('Malformed');
    const missingCountry = await raw(admin, 'POST', '/api/v1/organisations', { name });
    const extraField = await raw(admin, 'POST', '/api/v1/organisations', {
      name,
      country: 'IT',
      admin: true,
    });
    const badCountry = await raw(admin, 'POST', '/api/v1/organisations', {
      name,
      country: 'Italy',
    });
    const notJson = await raw(admin, 'POST', '/api/v1/organisations', '{"name": ');
    const oversized = await raw(admin, 'POST', '/api/v1/organisations', {
      name,
      country: 'IT',
      legalIdentifier: 'x'.repeat(200_000),
    });
    const badId = await raw(admin, 'GET', '/api/v1/organisations/not-a-uuid');
    const badLimit = await raw(admin, 'GET', '/api/v1/organisations?limit=100000');
    const unknownMember = await raw(admin, 'POST', '/api/v1/networks', {
      name,
      memberOrganisationIds: [randomUUID()],
      rpcUrl: 'http://127.0.0.1:18545',
    });
    const badRpc = await raw(admin, 'POST', '/api/v1/networks', {
      name,
      memberOrganisationIds: [randomUUID()],
      rpcUrl: 'file:///etc/passwd',
    });

    for (const response of [
      missingCountry,
      extraField,
      badCountry,
      notJson,
      badId,
      badLimit,
      badRpc,
    ]) {
      expect(response.status).toBe(400);
      expect(response.contentType).toContain('application/problem+json');
      expect(response.body).toMatchObject({
        status: 400,
        type: expect.stringMatching(/^urn:strata:problem:/),
        title: expect.any(String),
      });
    }
    expect(missingCountry.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: expect.stringContaining('country') }),
      ]),
    );
    expect(oversized.status).toBe(413);
    expect(unknownMember.status).toBe(422);
    expect(unknownMember.contentType).toContain('application/problem+json');
    expect(await countByName(admin, name)).toBe(0);
    expect((await admin.networks.listNetworks({ name })).total).toBe(0);
  });

  it('registers once for the same Idempotency-Key sent twice, and refuses the key with a different body', async () => {
    const name = uniqueName('Idempotent');
    const idempotencyKey = randomUUID();

    const first = await admin.organisations.registerOrganisation({
      registerOrganisation: { name, country: 'ES' },
      idempotencyKey,
    });
    const second = await admin.organisations.registerOrganisation({
      registerOrganisation: { name, country: 'ES' },
      idempotencyKey,
    });
    const reused = await problemOf(
      admin.organisations.registerOrganisation({
        registerOrganisation: { name: `${name} bis`, country: 'ES' },
        idempotencyKey,
      }),
    );

    expect(second.id).toBe(first.id);
    expect(reused.status).toBe(422);
    expect(await countByName(admin, name)).toBe(1);
  });

  it('refuses a second organisation with the same name in the same country with 409', async () => {
    const name = uniqueName('Twin');
    await admin.organisations.registerOrganisation({
      registerOrganisation: { name, country: 'PT' },
    });
    const twin = await problemOf(
      admin.organisations.registerOrganisation({
        registerOrganisation: { name: name.toUpperCase(), country: 'PT' },
      }),
    );
    expect(twin.status).toBe(409);
    expect(await countByName(admin, name)).toBe(1);
  });

  it('registers exactly one organisation when platform-mgmt is SIGKILLed after the command was accepted and restarted', async () => {
    const name = uniqueName('Crash-safe');
    const idempotencyKey = randomUUID();
    await killApp('platform-mgmt', 'SIGKILL');

    const accepted = await raw(
      admin,
      'POST',
      '/api/v1/organisations',
      { name, country: 'NL' },
      { 'idempotency-key': idempotencyKey },
    );
    expect(accepted.status).toBe(202);
    const operationId = String(accepted.body.operationId);
    expect(accepted.headers.get('location')).toContain(operationId);

    await restartApp('platform-mgmt');
    const fresh = apiWith((await passwordToken('admin')).accessToken);
    const operation = await eventually(
      async () => {
        const read = await fresh.operations.getOperation({ id: operationId });
        return read.status === 'succeeded' ? read : undefined;
      },
      'the operation to succeed after the restart',
      90_000,
    );
    const retried = await fresh.organisations.registerOrganisation({
      registerOrganisation: { name, country: 'NL' },
      idempotencyKey,
    });

    expect(operation.result).toMatchObject({ name, country: 'NL' });
    expect(retried.id).toBe((operation.result as { id: string }).id);
    expect(await countByName(fresh, name)).toBe(1);
  });
});
