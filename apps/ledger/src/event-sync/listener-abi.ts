/**
 * A listener's ABI: the events it follows (a malformed ABI or one without events is a 400) and
 * the decoding of a log with it, falling back to the raw log when no event matches.
 */
import { Interface, type InterfaceAbi } from 'ethers';
import { DomainProblem } from '@strata/bus';
import type { ContractEvent } from '@strata/contracts';
import { EventDecoder } from './event-decoder';

export interface RawLog {
  address: string;
  topics: string[];
  data: string;
}

function invalidAbi(message: string): DomainProblem {
  return DomainProblem.invalidFields(`The abi cannot be used: ${message}`, [
    { path: 'abi', message },
  ]);
}

export class ListenerAbi {
  /** The decoder of each event by its topic0 (computed once: ethers hashes per lookup). */
  private readonly decoders = new Map<string, EventDecoder>();

  private constructor(private readonly iface: Interface) {
    iface.forEachEvent((event) => {
      if (!this.decoders.has(event.topicHash)) {
        this.decoders.set(event.topicHash, new EventDecoder(iface, event));
      }
    });
  }

  /** Parses the ABI; throws a 400 DomainProblem when it is malformed or declares no event. */
  static parse(abi: unknown[]): ListenerAbi {
    let iface: Interface;
    try {
      iface = new Interface(abi as InterfaceAbi);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw invalidAbi(message.split('\n')[0].slice(0, 300));
    }
    const parsed = new ListenerAbi(iface);
    if (parsed.signatures().length === 0) throw invalidAbi('it declares no event');
    return parsed;
  }

  /** Canonical signatures, e.g. `Transfer(address,address,uint256)`. */
  signatures(): string[] {
    const found: string[] = [];
    this.iface.forEachEvent((event) => found.push(event.format('sighash')));
    return found;
  }

  /** topic0 of every followed event (for the eth_getLogs filter). */
  topics(): string[] {
    const found: string[] = [];
    this.iface.forEachEvent((event) => found.push(event.topicHash));
    return found;
  }

  decode(log: RawLog): ContractEvent['event'] {
    const decoder = this.decoders.get(log.topics[0]?.toLowerCase() ?? '');
    if (!decoder) return null;
    try {
      const args = decoder.decode(log.topics, log.data);
      const out: Record<string, unknown> = {};
      for (const [name, value] of Object.entries(args)) out[name] = jsonSafe(value);
      return { name: decoder.fragment.name, signature: decoder.signature, args: out };
    } catch {
      return null;
    }
  }
}

function jsonSafe(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map(jsonSafe);
  return value;
}
