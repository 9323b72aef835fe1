/**
 * The QBFT `extraData` header field, encoded and decoded exactly as Besu's QbftExtraDataCodec does:
 * RLP([vanity (32 bytes), [validator addresses], vote ([] or [address, 0xff add | 0x80 drop]),
 * round (RLP integer scalar: 0 is 0x80), [committed seals (65 bytes each)]]).
 *
 * Current Besu writes the round as a minimal scalar (its documented genesis example ends in
 * `c080c0`); releases before 21.x wrote it as a 4-byte integer (`8400000000`). The decoder accepts
 * both, the encoder writes the scalar form Besu reads today.
 */
import {
  decodeRlp,
  encodeRlp,
  getAddress,
  hexlify,
  isHexString,
  type RlpStructuredData,
} from 'ethers';

export const QBFT_VANITY_LENGTH = 32;
export const QBFT_SEAL_LENGTH = 65;
const ADDRESS_LENGTH = 20;
const ADD_VOTE = '0xff';

export type QbftVoteKind = 'add' | 'drop';

export interface QbftVote {
  /** Checksummed address of the validator voted on. */
  readonly recipient: string;
  readonly kind: QbftVoteKind;
}

export interface QbftExtraData {
  /** 0x-prefixed, 32 bytes. */
  readonly vanity: string;
  /** Checksummed validator addresses, in header order. */
  readonly validators: readonly string[];
  readonly vote: QbftVote | null;
  readonly round: number;
  /** 0x-prefixed 65-byte committed seals; empty in a genesis block. */
  readonly seals: readonly string[];
}

/** Thrown for anything that is not a well-formed QBFT extraData; the message says what is wrong. */
export class InvalidQbftExtraData extends Error {
  constructor(message: string) {
    super(`Invalid QBFT extraData: ${message}`);
    this.name = 'InvalidQbftExtraData';
  }
}

const ZERO_VANITY = `0x${'00'.repeat(QBFT_VANITY_LENGTH)}`;

/** The genesis extraData for these initial validators (zero vanity, no vote, round 0, no seals). */
export function encodeGenesisExtraData(validators: readonly string[]): string {
  return encodeQbftExtraData({ vanity: ZERO_VANITY, validators, vote: null, round: 0, seals: [] });
}

export function encodeQbftExtraData(data: QbftExtraData): string {
  const vanity = checkBytes(data.vanity, QBFT_VANITY_LENGTH, 'vanity');
  const validators = data.validators.map((address) => checkAddress(address, 'validator'));
  const vote: RlpStructuredData = data.vote
    ? [
        checkAddress(data.vote.recipient, 'vote recipient'),
        data.vote.kind === 'add' ? ADD_VOTE : '0x',
      ]
    : [];
  if (!Number.isSafeInteger(data.round) || data.round < 0 || data.round > 0xffffffff) {
    throw new InvalidQbftExtraData(`round must be an integer from 0 to 2^32-1, got ${data.round}`);
  }
  const seals = data.seals.map((seal) => checkBytes(seal, QBFT_SEAL_LENGTH, 'seal'));
  return encodeRlp([vanity, validators, vote, scalar(data.round), seals]);
}

export function decodeQbftExtraData(input: string): QbftExtraData {
  if (typeof input !== 'string' || !isHexString(input) || input.length <= 2) {
    throw new InvalidQbftExtraData('expected a non-empty 0x-prefixed hex string of whole bytes');
  }
  let root: RlpStructuredData;
  try {
    root = decodeRlp(input);
  } catch (error) {
    throw new InvalidQbftExtraData(`not RLP (${(error as Error).message.split(' (')[0]})`);
  }
  if (!Array.isArray(root) || root.length !== 5) {
    throw new InvalidQbftExtraData(
      'expected an RLP list of 5 items [vanity, validators, vote, round, seals]',
    );
  }
  const [vanity, validators, vote, round, seals] = root;
  return {
    vanity: bytesItem(vanity, QBFT_VANITY_LENGTH, 'vanity'),
    validators: listItem(validators, 'validators').map((item) =>
      getAddress(bytesItem(item, ADDRESS_LENGTH, 'validator')),
    ),
    vote: decodeVote(vote),
    round: decodeRound(round),
    seals: listItem(seals, 'seals').map((item) => bytesItem(item, QBFT_SEAL_LENGTH, 'seal')),
  };
}

function decodeVote(item: RlpStructuredData | undefined): QbftVote | null {
  const parts = listItem(item, 'vote');
  if (parts.length === 0) return null;
  if (parts.length !== 2) throw new InvalidQbftExtraData('vote must be [] or [recipient, kind]');
  const recipient = getAddress(bytesItem(parts[0], ADDRESS_LENGTH, 'vote recipient'));
  const kind = parts[1];
  if (kind === ADD_VOTE) return { recipient, kind: 'add' };
  if (kind === '0x') return { recipient, kind: 'drop' };
  throw new InvalidQbftExtraData('vote kind must be 0xff (add) or empty (drop)');
}

function decodeRound(item: RlpStructuredData | undefined): number {
  if (typeof item !== 'string') throw new InvalidQbftExtraData('round must be a byte string');
  const length = (item.length - 2) / 2;
  if (length > 4) throw new InvalidQbftExtraData('round is longer than 4 bytes');
  return length === 0 ? 0 : Number.parseInt(item.slice(2), 16);
}

function scalar(value: number): string {
  if (value === 0) return '0x';
  const hex = value.toString(16);
  return `0x${hex.length % 2 ? `0${hex}` : hex}`;
}

function listItem(item: RlpStructuredData | undefined, what: string): RlpStructuredData[] {
  if (!Array.isArray(item)) throw new InvalidQbftExtraData(`${what} must be an RLP list`);
  return item;
}

function bytesItem(item: RlpStructuredData | undefined, length: number, what: string): string {
  if (typeof item !== 'string') throw new InvalidQbftExtraData(`${what} must be a byte string`);
  if (item.length !== 2 + length * 2) {
    throw new InvalidQbftExtraData(`${what} must be ${length} bytes, got ${(item.length - 2) / 2}`);
  }
  return item.toLowerCase();
}

function checkBytes(value: string, length: number, what: string): string {
  if (!isHexString(value, length))
    throw new InvalidQbftExtraData(`${what} must be ${length} bytes of hex`);
  return hexlify(value);
}

function checkAddress(value: string, what: string): string {
  if (!isHexString(value, ADDRESS_LENGTH)) {
    throw new InvalidQbftExtraData(`${what} must be a 20-byte address, got ${String(value)}`);
  }
  return value.toLowerCase();
}
