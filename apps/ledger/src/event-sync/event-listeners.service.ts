/**
 * Event listeners of a network: created (ABI checked, start block resolved against the chain
 * head), paused, resumed and deleted by an institution admin or operator of a member
 * organisation, or a platform admin; every change is published through the outbox as an audit
 * event. Reads are scoped the same way.
 */
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { getAddress } from 'ethers';
import {
  type Actor,
  type ChangeEventListenerCommand,
  type CreateEventListenerCommand,
  type EventListener as EventListenerDto,
  EventListenerTopics,
} from '@strata/contracts';
import { DomainProblem, type OutboxWriter } from '@strata/bus';
import { Clock } from '@strata/runtime';
import { networkFor } from '../networks/network-access';
import { EvmNode } from '../node/evm-node';
import { INITIAL_RANGE } from './block-range';
import { EventListener, toEventListenerDto } from './event-listener.entity';
import { SyncedBlock } from './synced-block.entity';
import { ListenerAbi } from './listener-abi';

/** The organisation the caller acts for, or undefined for a platform admin acting globally. */
function managerScope(actor: Actor | undefined): { organisationId: string | undefined } {
  if (actor?.roles.includes('platform-admin')) return { organisationId: actor.organisationId };
  const allowed = actor?.roles.some((r) => r === 'institution-admin' || r === 'operator');
  if (!allowed || !actor?.organisationId) {
    throw DomainProblem.forbidden('Only an institution administrator or operator may.');
  }
  return { organisationId: actor.organisationId };
}

function futureBlock(fromBlock: number, head: number): DomainProblem {
  const message = `block ${fromBlock} is after the chain head ${head}`;
  return DomainProblem.invalidFields(`The fromBlock is in the future: ${message}.`, [
    { path: 'fromBlock', message },
  ]);
}

@Injectable()
export class EventListenersService {
  constructor(
    private readonly node: EvmNode,
    private readonly clock: Clock,
  ) {}

  async create(
    em: EntityManager,
    outbox: OutboxWriter,
    command: CreateEventListenerCommand,
    actor: Actor | undefined,
  ): Promise<EventListenerDto> {
    const { organisationId } = managerScope(actor);
    const { networkId, listener: request } = command;
    const network = await networkFor(em, networkId, organisationId, actor);
    const abi = ListenerAbi.parse(request.abi);
    const head = await this.node.blockNumber(network.rpcUrl);
    // `latest`: only what is mined after the listener exists.
    const fromBlock = request.fromBlock === 'latest' ? head + 1 : Number(request.fromBlock);
    if (request.fromBlock !== 'latest' && fromBlock > head) throw futureBlock(fromBlock, head);
    const now = this.clock.now();
    const listener = em.create(EventListener, {
      id: randomUUID(),
      networkId,
      organisationId: organisationId ?? null,
      name: request.name,
      address: request.address ? getAddress(request.address) : null,
      abi: request.abi,
      events: abi.signatures(),
      fromBlock,
      confirmations: request.confirmations,
      status: 'active',
      nextBlock: fromBlock,
      rangeSize: INITIAL_RANGE,
      createdBy: actor as Actor,
      createdAt: now,
      updatedAt: now,
    });
    return this.audited(outbox, listener, 'created');
  }

  async change(
    em: EntityManager,
    outbox: OutboxWriter,
    command: ChangeEventListenerCommand,
    actor: Actor | undefined,
  ): Promise<EventListenerDto> {
    const listener = await this.find(em, command.networkId, command.listenerId, actor, true);
    const next = { pause: 'paused', resume: 'active', delete: 'deleted' } as const;
    if (listener.status === 'deleted') {
      throw DomainProblem.conflict('The event listener was deleted.');
    }
    listener.status = next[command.change];
    listener.updatedAt = this.clock.now();
    // A deleted listener never syncs again: its recent blocks are of no use (they would stay forever).
    if (command.change === 'delete')
      await em.nativeDelete(SyncedBlock, { listenerId: listener.id });
    return this.audited(outbox, listener, command.change);
  }

  async get(
    em: EntityManager,
    networkId: string,
    id: string,
    actor: Actor | undefined,
  ): Promise<EventListenerDto> {
    return toEventListenerDto(await this.find(em, networkId, id, actor, false));
  }

  async list(
    em: EntityManager,
    networkId: string,
    actor: Actor | undefined,
  ): Promise<{ items: EventListenerDto[] }> {
    const global = actor?.roles.some((r) => r === 'platform-admin' || r === 'auditor');
    await networkFor(em, networkId, global ? undefined : actor?.organisationId, actor);
    const where = global
      ? { networkId, status: { $ne: 'deleted' as const } }
      : {
          networkId,
          organisationId: actor?.organisationId ?? randomUUID(),
          status: { $ne: 'deleted' as const },
        };
    const items = await em.find(EventListener, where, { orderBy: { createdAt: 'asc', id: 'asc' } });
    return { items: items.map(toEventListenerDto) };
  }

  private async find(
    em: EntityManager,
    networkId: string,
    id: string,
    actor: Actor | undefined,
    write: boolean,
  ): Promise<EventListener> {
    const organisationId = write ? managerScope(actor).organisationId : actor?.organisationId;
    const global = actor?.roles.some((r) => r === 'platform-admin' || (!write && r === 'auditor'));
    const listener = await em.findOne(EventListener, { id, networkId });
    const visible = listener && (global || listener.organisationId === organisationId);
    if (!listener || !visible) throw DomainProblem.notFound('Event listener', id);
    // An organisation removed from the network keeps its listeners' rows, not their use.
    if (!global) await networkFor(em, networkId, organisationId, undefined);
    return listener;
  }

  private audited(
    outbox: OutboxWriter,
    listener: EventListener,
    change: 'created' | 'pause' | 'resume' | 'delete',
  ): EventListenerDto {
    const dto = toEventListenerDto(listener);
    outbox.add({
      topic: EventListenerTopics.eventListenerChanged,
      key: listener.networkId,
      payload: { change, listener: dto },
    });
    return dto;
  }
}
