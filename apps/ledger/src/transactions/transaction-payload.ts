/**
 * Turns a submitted transaction into its calldata: ABI-encoded calls and deployments, raw
 * calldata or a plain transfer. A malformed ABI, unknown method or bad arguments is a 400.
 */
import { Interface, type InterfaceAbi } from 'ethers';
import type { SubmitTransaction } from '@strata/contracts';
import { DomainProblem } from '@strata/bus';

export interface EncodedPayload {
  to: string | null;
  data: string;
  value: bigint;
  abi: unknown[] | null;
}

function invalid(path: string, message: string): DomainProblem {
  return DomainProblem.invalidFields(`The ${path} cannot be encoded: ${message}`, [
    { path, message },
  ]);
}

function interfaceOf(abi: unknown[]): Interface {
  try {
    return new Interface(abi as InterfaceAbi);
  } catch (error) {
    throw invalid('abi', firstLine(error));
  }
}

const firstLine = (error: unknown): string =>
  (error instanceof Error ? error.message : String(error)).split('\n')[0].slice(0, 300);

export function encodePayload(tx: SubmitTransaction): EncodedPayload {
  const value = BigInt(tx.value ?? '0');
  switch (tx.kind) {
    case 'transfer':
      return { to: tx.to, data: '0x', value, abi: null };
    case 'call': {
      if (tx.data !== undefined) return { to: tx.to, data: tx.data, value, abi: tx.abi ?? null };
      const iface = interfaceOf(tx.abi ?? []);
      const method = tx.method ?? '';
      if (!hasFunction(iface, method)) throw invalid('method', `no method ${method}`);
      try {
        return {
          to: tx.to,
          data: iface.encodeFunctionData(method, tx.args ?? []),
          value,
          abi: tx.abi ?? null,
        };
      } catch (error) {
        throw invalid('args', firstLine(error));
      }
    }
    case 'deploy': {
      if (!tx.abi) return { to: null, data: tx.bytecode, value, abi: null };
      const iface = interfaceOf(tx.abi);
      try {
        return {
          to: null,
          data: tx.bytecode + iface.encodeDeploy(tx.args ?? []).slice(2),
          value,
          abi: tx.abi,
        };
      } catch (error) {
        throw invalid('args', firstLine(error));
      }
    }
  }
}

function hasFunction(iface: Interface, method: string): boolean {
  try {
    return iface.getFunction(method) !== null;
  } catch {
    return false;
  }
}
