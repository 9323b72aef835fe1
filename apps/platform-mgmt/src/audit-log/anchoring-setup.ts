/**
 * Brings an anchoring configuration to `ready`: a signing account for the chosen organisation on
 * the network, then the AuditAnchors contract deployed from it through the ledger's transaction
 * manager. One step per pass; every step can be repeated after a crash (deterministic message
 * ids, see AnchorLedgerClient). A rejection from the ledger marks the configuration failed with
 * the ledger's reason, except "network not found", which is retried while the ledger learns of a
 * just registered network.
 */
import { Injectable, Logger } from '@nestjs/common';
import { AuditAnchorsArtifact } from '@strata/chain';
import type { BusProblem } from '@strata/contracts';
import { ChainStatusClient } from '../networks/chain-status.client';
import { AnchorLedgerClient, derivedMessageId } from './anchor-ledger.client';
import type { AuditAnchoringRecord } from './audit-log.entities';

const MAX_UNKNOWN_NETWORK_PASSES = 60;

@Injectable()
export class AnchoringSetup {
  private readonly logger = new Logger(AnchoringSetup.name);
  private readonly unknownNetworkPasses = new Map<string, number>();

  constructor(
    private readonly ledger: AnchorLedgerClient,
    private readonly chainStatus: ChainStatusClient,
  ) {}

  /** Advances `anchoring` by one step (changes the entity; the caller flushes). */
  async advance(anchoring: AuditAnchoringRecord): Promise<void> {
    if (anchoring.status === 'creating-account') return this.createAccount(anchoring);
    if (anchoring.status === 'deploying') return this.deploy(anchoring);
  }

  private async createAccount(anchoring: AuditAnchoringRecord): Promise<void> {
    const attempt = this.unknownNetworkPasses.get(anchoring.id) ?? 0;
    const answer = await this.ledger.createAccount(
      derivedMessageId(anchoring.id, 'account', String(attempt)),
      anchoring.networkId,
      anchoring.organisationId,
    );
    if (answer.kind === 'no-answer') return;
    if (answer.kind === 'problem') return this.rejected(anchoring, answer.problem, attempt);
    anchoring.account = answer.value.address;
    anchoring.status = 'deploying';
  }

  private async deploy(anchoring: AuditAnchoringRecord): Promise<void> {
    if (!anchoring.account) return;
    if (!anchoring.deployTransactionId) {
      const answer = await this.ledger.submit(
        derivedMessageId(anchoring.id, 'deploy'),
        anchoring.networkId,
        anchoring.organisationId,
        { kind: 'deploy', from: anchoring.account, bytecode: AuditAnchorsArtifact.bytecode },
      );
      if (answer.kind === 'no-answer') return;
      if (answer.kind === 'problem') return this.fail(anchoring, answer.problem);
      anchoring.deployTransactionId = answer.value.id;
    }
    const tx = await this.ledger.transaction(
      anchoring.networkId,
      anchoring.organisationId,
      anchoring.deployTransactionId,
    );
    if (tx.kind !== 'ok') return;
    if (tx.value.status === 'failed' || tx.value.status === 'cancelled') {
      anchoring.status = 'failed';
      anchoring.failureReason = `deployment ${tx.value.status}: ${tx.value.failureReason ?? ''}`;
      return;
    }
    if (tx.value.status !== 'confirmed' || !tx.value.contractAddress) return;
    // The anchors name their chain, so the verifier can tell a wrong RPC; asked again next pass.
    const status = await this.chainStatus.statusOf(anchoring.networkId);
    if (!status.reachable) return;
    anchoring.chainId = status.chainId;
    anchoring.contractAddress = tx.value.contractAddress;
    anchoring.status = 'ready';
    this.logger.log(`audit anchors contract ${tx.value.contractAddress} on ${anchoring.networkId}`);
  }

  private rejected(anchoring: AuditAnchoringRecord, problem: BusProblem, attempt: number): void {
    if (problem.status === 404 && attempt < MAX_UNKNOWN_NETWORK_PASSES) {
      this.unknownNetworkPasses.set(anchoring.id, attempt + 1);
      return;
    }
    this.fail(anchoring, problem);
  }

  private fail(anchoring: AuditAnchoringRecord, problem: BusProblem): void {
    if (problem.status >= 500) return;
    anchoring.status = 'failed';
    anchoring.failureReason = `${problem.title}${problem.detail ? `: ${problem.detail}` : ''}`;
    this.logger.warn(`audit anchoring ${anchoring.id} failed: ${anchoring.failureReason}`);
  }
}
