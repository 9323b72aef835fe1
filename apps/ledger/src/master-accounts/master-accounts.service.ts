/**
 * Master accounts through the transaction manager (ADR 0008). Deploying one and submitting an
 * owner-approved action are explicit, audited steps: each is accepted as an ordinary ledger
 * transaction (same nonce, gas, signing and resubmission rules), recorded with who asked and
 * which owners signed, and published through the outbox; the confirmation or failure of that
 * transaction settles the record and is published again.
 */
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { getAddress } from 'ethers';
import {
  type Actor,
  type DeployMasterAccountCommand,
  type LedgerTransaction as LedgerTransactionDto,
  type MasterAccount as MasterAccountDto,
  type MasterAccountActionRecord as MasterAccountActionDto,
  MasterAccountTopics,
  type SubmitMasterAccountActionCommand,
} from '@strata/contracts';
import { DomainProblem, type OutboxWriter } from '@strata/bus';
import {
  ChainClient,
  encodeMasterAccountDeployment,
  encodeMasterAction,
  OrganisationMasterAccountArtifact,
  organisationIdToBytes32,
} from '@strata/chain';
import { Clock } from '@strata/runtime';
import { networkFor } from '../networks/network-access';
import { TransactionsService } from '../transactions/transactions.service';
import { checkApprovals, toMasterAccountAction } from './master-account-approvals';
import { MasterAccount, toMasterAccountDto } from './master-account.entity';
import {
  MasterAccountActionRecord,
  toMasterAccountActionDto,
} from './master-account-action.entity';

const ABI = OrganisationMasterAccountArtifact.abi as Record<string, unknown>[];

function institutionAdminOf(actor: Actor | undefined): string {
  if (!actor?.organisationId || !actor.roles.includes('institution-admin')) {
    throw DomainProblem.forbidden('Only an institution administrator of the organisation may.');
  }
  return actor.organisationId;
}

@Injectable()
export class MasterAccountsService {
  constructor(
    private readonly transactions: TransactionsService,
    private readonly chain: ChainClient,
    private readonly clock: Clock,
  ) {}

  async deploy(
    em: EntityManager,
    outbox: OutboxWriter,
    command: DeployMasterAccountCommand,
    actor: Actor | undefined,
  ): Promise<MasterAccountDto> {
    const organisationId = institutionAdminOf(actor);
    const { networkId, masterAccount: request } = command;
    const existing = await em.findOne(MasterAccount, { networkId, organisationId });
    if (existing && existing.status !== 'failed') {
      throw DomainProblem.conflict(
        'The organisation already has a master account on this network.',
      );
    }
    const owners = request.owners.map((o) => getAddress(o));
    const tx = await this.transactions.accept(
      em,
      outbox,
      {
        networkId,
        transaction: {
          kind: 'deploy',
          from: request.from,
          bytecode: encodeMasterAccountDeployment(
            organisationIdToBytes32(organisationId),
            owners,
            BigInt(request.threshold),
          ),
        },
      },
      actor,
    );
    const now = this.clock.now();
    const master =
      existing ??
      em.create(MasterAccount, {
        id: randomUUID(),
        networkId,
        organisationId,
        status: 'deploying',
        address: null,
        owners,
        threshold: request.threshold,
        deploymentTransactionId: tx.id,
        createdAt: now,
        updatedAt: now,
      });
    Object.assign(master, {
      status: 'deploying',
      address: null,
      owners,
      threshold: request.threshold,
      deploymentTransactionId: tx.id,
      updatedAt: now,
    });
    const dto = toMasterAccountDto(master);
    outbox.add({
      topic: MasterAccountTopics.masterAccountDeploymentRequested,
      key: organisationId,
      payload: dto,
    });
    return dto;
  }

  async submitAction(
    em: EntityManager,
    outbox: OutboxWriter,
    command: SubmitMasterAccountActionCommand,
    actor: Actor | undefined,
  ): Promise<MasterAccountActionDto> {
    const organisationId = institutionAdminOf(actor);
    const { networkId, submission } = command;
    const network = await networkFor(em, networkId, organisationId, undefined);
    const master = await em.findOne(MasterAccount, { networkId, organisationId });
    if (!master?.address || master.status !== 'deployed') {
      throw DomainProblem.notFound('Master account', `of organisation ${organisationId}`);
    }
    const action = toMasterAccountAction(submission.action);
    const { chainId } = await this.chain.head(network.rpcUrl);
    const approvals = checkApprovals({
      chainId,
      masterAccount: master.address,
      action,
      signatures: submission.signatures,
      owners: master.owners,
      threshold: master.threshold,
      now: this.clock.now(),
    });
    const tx = await this.transactions.accept(
      em,
      outbox,
      {
        networkId,
        transaction: {
          kind: 'call',
          from: submission.from,
          to: master.address,
          data: encodeMasterAction(action, approvals.signatures),
          abi: ABI,
        },
      },
      actor,
    );
    const now = this.clock.now();
    const record = em.create(MasterAccountActionRecord, {
      id: randomUUID(),
      masterAccountId: master.id,
      networkId,
      organisationId,
      requestedBy: actor as Actor,
      action: submission.action,
      signers: approvals.signers,
      transactionId: tx.id,
      status: 'submitted',
      failureReason: null,
      createdAt: now,
      updatedAt: now,
    });
    const dto = toMasterAccountActionDto(record);
    outbox.add({
      topic: MasterAccountTopics.masterAccountActionSubmitted,
      key: organisationId,
      payload: dto,
    });
    return dto;
  }

  /** A ledger transaction was confirmed, failed or cancelled: settle what it carried, if anything. */
  async settle(em: EntityManager, outbox: OutboxWriter, tx: LedgerTransactionDto): Promise<void> {
    const confirmed = tx.status === 'confirmed';
    const now = this.clock.now();
    const master = await em.findOne(MasterAccount, {
      deploymentTransactionId: tx.id,
      status: 'deploying',
    });
    if (master) {
      master.status = confirmed && tx.contractAddress ? 'deployed' : 'failed';
      master.address = master.status === 'deployed' ? getAddress(tx.contractAddress ?? '') : null;
      master.updatedAt = now;
      outbox.add({
        topic: confirmed
          ? MasterAccountTopics.masterAccountDeployed
          : MasterAccountTopics.masterAccountDeploymentFailed,
        key: master.organisationId,
        payload: toMasterAccountDto(master),
      });
      return;
    }
    const record = await em.findOne(MasterAccountActionRecord, {
      transactionId: tx.id,
      status: 'submitted',
    });
    if (!record) return;
    record.status = confirmed ? 'confirmed' : 'failed';
    record.failureReason = confirmed
      ? null
      : (tx.failureReason ?? `the transaction was ${tx.status}`);
    record.updatedAt = now;
    if (confirmed && record.action.kind === 'change-owners') {
      const owned = await em.findOneOrFail(MasterAccount, { id: record.masterAccountId });
      owned.owners = record.action.owners.map((o) => getAddress(o));
      owned.threshold = record.action.threshold;
      owned.updatedAt = now;
    }
    outbox.add({
      topic: MasterAccountTopics.masterAccountActionSettled,
      key: record.organisationId,
      payload: toMasterAccountActionDto(record),
    });
  }

  async get(
    em: EntityManager,
    networkId: string,
    actor: Actor | undefined,
  ): Promise<MasterAccountDto> {
    const organisationId = actor?.organisationId;
    // A caller without an organisation (platform admin, auditor) has no master account.
    const master =
      organisationId && (await em.findOne(MasterAccount, { networkId, organisationId }));
    if (!master)
      throw DomainProblem.notFound('Master account', `of organisation ${organisationId ?? '-'}`);
    return toMasterAccountDto(master);
  }

  async getAction(
    em: EntityManager,
    networkId: string,
    id: string,
    actor: Actor | undefined,
  ): Promise<MasterAccountActionDto> {
    const organisationId = actor?.organisationId;
    const record =
      organisationId &&
      (await em.findOne(MasterAccountActionRecord, { id, networkId, organisationId }));
    if (!record) throw DomainProblem.notFound('Master account action', id);
    return toMasterAccountActionDto(record);
  }
}
