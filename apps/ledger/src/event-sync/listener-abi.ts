/**
 * A listener's ABI: the events it follows (a malformed ABI or one without events is a 400) and
 * the decoding of a log with it, falling back to the raw log when no event matches.
 */
import { Interface, type InterfaceAbi, type Result } from 'ethers';
import { DomainProblem } from '@strata/bus';
import type { ContractEvent } from '@strata/contracts';

export interface RawLog {
  address: string;
  topics: string[];
  data: string;
}

function invalidAbi(message: string): DomainProblem {
  return new DomainProblem({
    code: 'validation',
    status: 400,
    title: 'Invalid request',
    detail: `The abi cannot be used: ${message}`,
    errors: [{ path: 'abi', message }],
  });
}

export class ListenerAbi {
  private constructor(private readonly iface: Interface) {}

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
    try {
      const parsed = this.iface.parseLog({ topics: log.topics, data: log.data });
      if (!parsed) return null;
      return {
        name: parsed.name,
        signature: parsed.signature,
        args: plainArgs(
          parsed.args,
          parsed.fragment.inputs.map((i) => i.name),
        ),
      };
    } catch {
      return null;
    }
  }
}

/** Named arguments as JSON-safe values (bigints as decimal strings). */
function plainArgs(args: Result, names: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  names.forEach((name, index) => {
    out[name || `arg${index}`] = jsonSafe(args[index] as unknown);
  });
  return out;
}

function jsonSafe(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map(jsonSafe);
  return value;
}
