/**
 * Decoding of one event's log, fast for the common ABI types. ethers' decodeEventLog costs
 * ~170 µs per log (a keccak per call to find the fragment, a general ABI reader), which made
 * decoding the event sync's main CPU cost; most events only carry static words (uintN, intN,
 * address, bool, bytesN) and non-indexed string/bytes, which are read here straight from the
 * hex. Anything else (arrays, tuples, indexed dynamic values) keeps ethers' decoder, and the
 * fast path gives exactly ethers' values (property-tested against it).
 */
import {
  type EventFragment,
  getAddress,
  type Interface,
  type ParamType,
  type Result,
} from 'ethers';

export type DecodedArgs = Record<string, unknown>;

type WordReader = (word: string) => unknown;

const STATIC = /^(uint|int)(\d*)$|^address$|^bool$|^bytes([1-9]|[12]\d|3[012])$/;

/** Checksummed addresses repeat a lot in a window (same contract, same senders): cache them. */
const checksums = new Map<string, string>();
function checksummed(lowerHex: string): string {
  let known = checksums.get(lowerHex);
  if (known === undefined) {
    known = getAddress(lowerHex);
    if (checksums.size > 10_000) checksums.clear();
    checksums.set(lowerHex, known);
  }
  return known;
}

function staticReader(type: string): WordReader | null {
  const match = STATIC.exec(type);
  if (!match) return null;
  if (type === 'address') {
    return (word) => {
      if (!word.startsWith('000000000000000000000000')) throw new Error('address out of range');
      return checksummed(`0x${word.slice(24)}`);
    };
  }
  if (type === 'bool') return (word) => BigInt(`0x${word}`) !== 0n;
  if (match[3]) {
    const size = Number(match[3]);
    return (word) => `0x${word.slice(0, size * 2)}`;
  }
  const bits = match[2] ? Number(match[2]) : 256;
  if (match[1] === 'uint') {
    const mask = (1n << BigInt(bits)) - 1n;
    return (word) => BigInt(`0x${word}`) & mask;
  }
  return (word) => BigInt.asIntN(bits, BigInt(`0x${word}`));
}

interface FieldPlan {
  name: string;
  indexed: boolean;
  /** Static word reader, or the dynamic kind read from the data's tail. */
  read: WordReader | 'string' | 'bytes';
}

function planOf(input: ParamType, index: number): FieldPlan | null {
  const name = input.name || `arg${index}`;
  const reader = staticReader(input.type);
  if (reader) return { name, indexed: input.indexed === true, read: reader };
  if ((input.type === 'string' || input.type === 'bytes') && input.indexed !== true) {
    return { name, indexed: false, read: input.type };
  }
  return null;
}

/** Reads the dynamic value whose offset is in `word` from the data (hex without 0x). */
function dynamicAt(data: string, word: string, kind: 'string' | 'bytes'): unknown {
  const offset = Number(BigInt(`0x${word}`)) * 2;
  const length = Number(BigInt(`0x${data.slice(offset, offset + 64)}`)) * 2;
  const hex = data.slice(offset + 64, offset + 64 + length);
  if (hex.length !== length) throw new Error('dynamic value out of bounds');
  return kind === 'bytes' ? `0x${hex}` : strictUtf8.decode(Buffer.from(hex, 'hex'));
}

/** Invalid UTF-8 is an error, as in ethers' toUtf8String (the log is then delivered raw). */
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export class EventDecoder {
  private readonly plan: FieldPlan[] | null;
  /** Canonical signature, e.g. `Transfer(address,address,uint256)`. */
  readonly signature: string;

  constructor(
    private readonly iface: Interface,
    readonly fragment: EventFragment,
  ) {
    this.signature = fragment.format('sighash');
    const plan = fragment.inputs.map(planOf);
    this.plan = fragment.anonymous || plan.some((p) => p === null) ? null : (plan as FieldPlan[]);
  }

  /** Named arguments as ethers decodes them; throws when the log does not fit the event. */
  decode(topics: string[], data: string): DecodedArgs {
    if (!this.plan) return this.viaEthers(topics, data);
    const body = (data.startsWith('0x') ? data.slice(2) : data).toLowerCase();
    const out: DecodedArgs = {};
    let topic = 1;
    let slot = 0;
    for (const field of this.plan) {
      if (field.indexed) {
        const word = topics[topic++];
        if (word === undefined || word.length !== 66) throw new Error('missing topic');
        out[field.name] = (field.read as WordReader)(word.slice(2).toLowerCase());
        continue;
      }
      const word = body.slice(slot * 64, slot * 64 + 64);
      if (word.length !== 64) throw new Error('data too short');
      slot++;
      out[field.name] =
        typeof field.read === 'string' ? dynamicAt(body, word, field.read) : field.read(word);
    }
    return out;
  }

  private viaEthers(topics: string[], data: string): DecodedArgs {
    const args: Result = this.iface.decodeEventLog(this.fragment, data, topics);
    const out: DecodedArgs = {};
    this.fragment.inputs.forEach((input, index) => {
      out[input.name || `arg${index}`] = args[index] as unknown;
    });
    return out;
  }
}
