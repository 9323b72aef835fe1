/**
 * Signing accounts of an organisation on a network: created by its institution admins (or a
 * platform admin naming the organisation), key generated and held in the KeyVault. On a local
 * anvil chain (id 31337) a new account is funded from anvil's first dev account — a local
 * convenience only; real networks fund accounts from the organisation's master account.
 */
import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  type Actor,
  type CreateSigningAccountCommand,
  hasGlobalReadScope,
  LedgerTransactionTopics,
  type Page,
  type PageRequest,
  type SigningAccount as SigningAccountDto,
} from '@strata/contracts';
import { DomainProblem, type OutboxWriter } from '@strata/bus';
import { Clock } from '@strata/runtime';
import { KeyVault } from '@strata/key-custody';
import { networkFor } from '../networks/network-access';
import { EvmNode } from '../node/evm-node';
import { NonceAllocator } from '../nonces/nonce-allocator';
import { SigningAccount, toSigningAccountDto } from './signing-account.entity';

export const ANVIL_CHAIN_ID = 31337n;
const ANVIL_FIRST_DEV_ACCOUNT = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const LOCAL_FUNDING_WEI = 10n ** 19n;

@Injectable()
export class SigningAccountsService {
  private readonly logger = new Logger(SigningAccountsService.name);

  constructor(
    private readonly vault: KeyVault,
    private readonly node: EvmNode,
    private readonly nonces: NonceAllocator,
    private readonly clock: Clock,
  ) {}

  async create(
    em: EntityManager,
    outbox: OutboxWriter,
    command: CreateSigningAccountCommand,
    actor: Actor | undefined,
  ): Promise<SigningAccountDto> {
    const organisationId = this.ownerFor(command, actor);
    const network = await networkFor(em, command.networkId, organisationId, undefined);
    const key = await this.vault.createKey(organisationId, command.account.label);
    const account = em.create(SigningAccount, {
      id: randomUUID(),
      networkId: network.id,
      organisationId,
      label: command.account.label,
      address: key.address,
      keyId: key.keyId,
      createdAt: this.clock.now(),
    });
    await this.nonces.open(em, network.id, key.address, 0);
    if ((await this.node.chainId(network.rpcUrl)) === ANVIL_CHAIN_ID) {
      // An explicit legacy gas price: anvil's own fee filling fails on zero-fee chains.
      const { gasPrice } = await this.node.feeData(network.rpcUrl);
      await this.node.send(network.rpcUrl, 'eth_sendTransaction', [
        {
          from: ANVIL_FIRST_DEV_ACCOUNT,
          to: key.address,
          value: `0x${LOCAL_FUNDING_WEI.toString(16)}`,
          gasPrice: `0x${gasPrice.toString(16)}`,
        },
      ]);
      this.logger.log(`funded ${key.address} from anvil's first dev account (local chain)`);
    }
    const dto = toSigningAccountDto(account);
    outbox.add({ topic: LedgerTransactionTopics.signingAccountCreated, key: dto.id, payload: dto });
    return dto;
  }

  async list(
    em: EntityManager,
    networkId: string,
    params: PageRequest,
    actor: Actor | undefined,
  ): Promise<Page<SigningAccountDto>> {
    const global = actor !== undefined && hasGlobalReadScope(actor);
    await networkFor(em, networkId, actor?.organisationId, global ? actor : undefined);
    const where = global
      ? { networkId }
      : { networkId, organisationId: actor?.organisationId ?? randomUUID() };
    const [items, total] = await em.findAndCount(SigningAccount, where, {
      orderBy: { createdAt: 'asc', id: 'asc' },
      limit: params.limit,
      offset: params.offset,
    });
    return { items: items.map(toSigningAccountDto), total, ...params };
  }

  private ownerFor(command: CreateSigningAccountCommand, actor: Actor | undefined): string {
    if (actor?.roles.includes('platform-admin')) {
      const named = command.account.organisationId ?? actor.organisationId;
      if (!named) {
        throw DomainProblem.invalidFields(
          'A platform administrator must name the organisation (organisationId).',
          [{ path: 'organisationId', message: 'required for platform administrators' }],
        );
      }
      return named;
    }
    if (!actor?.roles.includes('institution-admin') || !actor.organisationId) {
      throw DomainProblem.forbidden('Only an institution administrator may create accounts.');
    }
    if (command.account.organisationId && command.account.organisationId !== actor.organisationId) {
      throw DomainProblem.forbidden('Accounts can only be created for your own organisation.');
    }
    return actor.organisationId;
  }
}
