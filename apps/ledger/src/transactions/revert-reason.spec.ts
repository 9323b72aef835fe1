import fc from 'fast-check';
import { Interface } from 'ethers';
import { decodeRevertReason, revertDataOf } from './revert-reason';

const CUSTOM = ['error InsufficientBalance(address account, uint256 needed)'];

describe('decodeRevertReason', () => {
  it('decodes any Error(string) message', () => {
    const iface = new Interface(['error Error(string)']);
    fc.assert(
      fc.property(fc.string(), (message) => {
        expect(decodeRevertReason(iface.encodeErrorResult('Error', [message]))).toBe(message);
      }),
    );
  });

  it('decodes a custom error when the ABI is known', () => {
    const data = new Interface(CUSTOM).encodeErrorResult('InsufficientBalance', [
      '0x0000000000000000000000000000000000000001',
      5n,
    ]);
    expect(decodeRevertReason(data, CUSTOM)).toBe(
      'InsufficientBalance(0x0000000000000000000000000000000000000001, 5)',
    );
    expect(decodeRevertReason(data)).toMatch(/^reverted with data 0x/);
  });

  it('never throws on arbitrary revert data', () => {
    fc.assert(
      fc.property(fc.option(fc.string()), fc.constantFrom(undefined, null, CUSTOM), (data, abi) => {
        expect(typeof decodeRevertReason(data, abi)).toBe('string');
      }),
    );
  });

  it('finds revert data nested in an RPC error', () => {
    expect(revertDataOf({ info: { error: { data: '0x1234' } } })).toBe('0x1234');
    expect(revertDataOf(new Error('x'))).toBeUndefined();
  });
});
