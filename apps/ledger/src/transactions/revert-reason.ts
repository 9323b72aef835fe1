/**
 * Decodes why a call reverted: `Error(string)`, `Panic(uint256)` and, when the caller gave the
 * contract's ABI, its custom errors. Unknown data is reported as hex rather than lost.
 */
import { Interface, type InterfaceAbi } from 'ethers';

const STANDARD = new Interface(['error Error(string)', 'error Panic(uint256)']);

export function decodeRevertReason(data: string | null, abi?: InterfaceAbi | null): string {
  if (!data || data === '0x') return 'reverted without a reason';
  for (const iface of abi ? [STANDARD, safeInterface(abi)] : [STANDARD]) {
    if (!iface) continue;
    try {
      const parsed = iface.parseError(data);
      if (!parsed) continue;
      if (parsed.name === 'Error') return String(parsed.args[0]);
      if (parsed.name === 'Panic') return `panic 0x${(parsed.args[0] as bigint).toString(16)}`;
      return `${parsed.name}(${parsed.args.map((arg: unknown) => String(arg)).join(', ')})`;
    } catch {
      // not this interface's error: try the next one
    }
  }
  return `reverted with data ${data.slice(0, 202)}`;
}

function safeInterface(abi: InterfaceAbi): Interface | undefined {
  try {
    return new Interface(abi);
  } catch {
    return undefined;
  }
}

/** Finds revert data in an ethers/JSON-RPC error, however deeply the node nested it. */
export function revertDataOf(error: unknown): string | undefined {
  const seen = new Set<unknown>();
  const visit = (value: unknown): string | undefined => {
    if (!value || typeof value !== 'object' || seen.has(value)) return undefined;
    seen.add(value);
    const record = value as Record<string, unknown>;
    if (typeof record.data === 'string' && /^0x[0-9a-fA-F]*$/.test(record.data)) {
      return record.data;
    }
    for (const key of ['error', 'info', 'data', 'cause']) {
      const found = visit(record[key]);
      if (found) return found;
    }
    return undefined;
  };
  return visit(error);
}
