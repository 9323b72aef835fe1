/**
 * The anchoring loop: every pass advances the active anchoring configuration (account, contract),
 * follows the anchor in flight (submitted -> anchored or failed, with its transaction hash and
 * block) and, when an anchor is due, records it `pending` first and then submits
 * `AuditAnchors.anchor(root, first, last)` through the ledger with the anchor's id as message id
 * (a crash in between re-asks with the same id). An anchored root is announced with
 * `audit-log-anchored.v1` through the outbox.
 */
import { randomUUID } from 'node:crypto';
import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { LockMode } from '@mikro-orm/core';
import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import { AuditAnchorsArtifact } from '@strata/chain';
import { AuditLogTopics } from '@strata/contracts';
import { OutboxWriter } from '@strata/bus';
import { Clock, PeriodicPasses } from '@strata/runtime';
import { AnchorLedgerClient } from './anchor-ledger.client';
import { type AnchorPolicy, dueWindow } from './anchor-window';
import { AnchoringSetup } from './anchoring-setup';
import { AuditAnchorRecord, AuditAnchoringRecord } from './audit-log.entities';
import { toAnchorDto } from './audit-log.dto';
import { AuditLogMetrics } from './audit-log.metrics';

export const ANCHOR_TICK_MS = 2_000;
/** pg advisory lock key of the anchor decision ('audit' in ASCII). */
const ANCHOR_LOCK = 0x61756469;

@Injectable()
export class AnchorScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AnchorScheduler.name);
  private passes: PeriodicPasses | undefined;

  constructor(
    private readonly orm: MikroORM,
    private readonly clock: Clock,
    private readonly setup: AnchoringSetup,
    private readonly ledger: AnchorLedgerClient,
    private readonly metrics: AuditLogMetrics,
    private readonly policy: AnchorPolicy,
  ) {}

  onApplicationBootstrap(): void {
    this.passes = new PeriodicPasses('anchoring', ANCHOR_TICK_MS, () => this.tick(), this.logger);
    this.passes.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.passes?.stop();
  }

  async tick(): Promise<void> {
    const em = this.orm.em.fork();
    const anchoring = await em.findOne(AuditAnchoringRecord, { active: true });
    if (!anchoring) return;
    if (anchoring.status !== 'ready') {
      await this.setup.advance(anchoring);
      await em.flush();
      return;
    }
    const inFlight = await em.findOne(
      AuditAnchorRecord,
      { status: { $in: ['pending', 'submitted'] } },
      { orderBy: { firstSequence: 'asc' } },
    );
    if (inFlight) return this.follow(em, inFlight);
    if (!anchoring.contractAddress) return;
    await this.openAnchor(anchoring);
  }

  /** Records the next due anchor `pending`; the advisory lock keeps instances from doubling it. */
  private async openAnchor(anchoring: AuditAnchoringRecord): Promise<void> {
    await this.orm.em.fork().transactional(async (em) => {
      await em.execute('select pg_advisory_xact_lock(?)', [ANCHOR_LOCK]);
      const inFlight = await em.count(AuditAnchorRecord, {
        status: { $in: ['pending', 'submitted'] },
      });
      if (inFlight > 0) return;
      const window = await dueWindow(em, this.policy, this.clock.now());
      if (!window) return;
      em.create(AuditAnchorRecord, {
        id: randomUUID(),
        anchoringId: anchoring.id,
        networkId: anchoring.networkId,
        chainId: anchoring.chainId ?? null,
        contractAddress: anchoring.contractAddress ?? '',
        ...window,
        status: 'pending',
        transactionId: null,
        txHash: null,
        blockNumber: null,
        failureReason: null,
        createdAt: this.clock.now(),
        anchoredAt: null,
      });
    });
  }

  private async follow(em: EntityManager, anchor: AuditAnchorRecord): Promise<void> {
    const anchoring = await em.findOneOrFail(AuditAnchoringRecord, { id: anchor.anchoringId });
    if (!anchoring.account) return;
    if (anchor.status === 'pending') {
      const answer = await this.ledger.submit(
        anchor.id,
        anchor.networkId,
        anchoring.organisationId,
        {
          kind: 'call',
          from: anchoring.account,
          to: anchor.contractAddress,
          abi: AuditAnchorsArtifact.abi as Record<string, unknown>[],
          method: 'anchor',
          args: [anchor.root, String(anchor.firstSequence), String(anchor.lastSequence)],
        },
      );
      if (answer.kind === 'no-answer') return;
      if (answer.kind === 'problem') {
        if (answer.problem.status >= 500) return;
        return this.settle(em, anchor, 'failed', answer.problem.detail ?? answer.problem.title);
      }
      anchor.transactionId = answer.value.id;
      anchor.status = 'submitted';
      await em.flush();
    }
    if (!anchor.transactionId) return;
    const tx = await this.ledger.transaction(
      anchor.networkId,
      anchoring.organisationId,
      anchor.transactionId,
    );
    if (tx.kind !== 'ok') return;
    if (tx.value.status === 'failed' || tx.value.status === 'cancelled') {
      return this.settle(em, anchor, 'failed', tx.value.failureReason ?? tx.value.status);
    }
    if (tx.value.status !== 'confirmed') return;
    return this.settle(em, anchor, 'anchored', null, {
      txHash: tx.value.hash,
      blockNumber: tx.value.blockNumber,
    });
  }

  private async settle(
    em: EntityManager,
    anchor: AuditAnchorRecord,
    status: 'anchored' | 'failed',
    reason: string | null,
    onChain: { txHash: string | null; blockNumber: number | null } = {
      txHash: null,
      blockNumber: null,
    },
  ): Promise<void> {
    await em.transactional(async (tx) => {
      const record = await tx.findOneOrFail(
        AuditAnchorRecord,
        { id: anchor.id },
        { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
      );
      // Another instance may have settled it meanwhile: announce an anchor once.
      if (record.status === 'anchored' || record.status === 'failed') return;
      Object.assign(record, {
        status,
        failureReason: reason,
        txHash: onChain.txHash,
        blockNumber: onChain.blockNumber,
        anchoredAt: status === 'anchored' ? this.clock.now() : null,
      });
      if (status === 'anchored') {
        new OutboxWriter(tx).add({
          topic: AuditLogTopics.anchored,
          key: record.networkId,
          payload: toAnchorDto(record),
        });
      }
    });
    this.metrics.anchorSettled(status);
    if (status === 'failed') this.logger.warn(`audit anchor ${anchor.id} failed: ${reason ?? ''}`);
  }
}
