/**
 * The platform's organisation id (a UUID) as the `bytes32` the contracts store: the UUID's 16
 * bytes, left-padded with zeros, so the id can be read back from chain data and events.
 */
import { zeroPadValue } from 'ethers';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BYTES32_UUID = /^0x0{32}([0-9a-f]{32})$/i;

export function organisationIdToBytes32(organisationId: string): string {
  if (!UUID.test(organisationId)) throw new Error('an organisation id is a UUID');
  return zeroPadValue(`0x${organisationId.replaceAll('-', '').toLowerCase()}`, 32);
}

export function organisationIdFromBytes32(value: string): string {
  const match = BYTES32_UUID.exec(value);
  if (!match) throw new Error('not an organisation id: expected 16 zero bytes then 16 bytes');
  const hex = match[1].toLowerCase();
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    hex.slice(12, 16),
    hex.slice(16, 20),
    hex.slice(20),
  ].join('-');
}
