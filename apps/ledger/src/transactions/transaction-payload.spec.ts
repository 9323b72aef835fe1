import fc from 'fast-check';
import { Interface } from 'ethers';
import { DomainProblem } from '@strata/bus';
import { encodePayload } from './transaction-payload';

const ABI = [
  {
    type: 'function',
    name: 'set',
    inputs: [{ name: 'v', type: 'uint256' }],
    outputs: [],
    stateMutability: 'nonpayable',
  },
];
const FROM = '0x0000000000000000000000000000000000000001';
const TO = '0x0000000000000000000000000000000000000002';

describe('encodePayload', () => {
  it('encodes a call from ABI, method and args', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 256n - 1n }), (v) => {
        const encoded = encodePayload({
          kind: 'call',
          from: FROM,
          to: TO,
          abi: ABI,
          method: 'set',
          args: [v.toString()],
        });
        expect(new Interface(ABI).decodeFunctionData('set', encoded.data)[0]).toBe(v);
      }),
    );
  });

  it('refuses malformed ABIs, unknown methods and bad args as validation problems', () => {
    const cases = [
      { abi: [{ type: 'function', name: 5 }], method: 'set', args: ['1'] },
      { abi: ABI, method: 'nope', args: [] },
      { abi: ABI, method: 'set', args: ['not a number'] },
      { abi: ABI, method: 'set', args: [] },
    ];
    for (const c of cases) {
      let problem: unknown;
      try {
        encodePayload({ kind: 'call', from: FROM, to: TO, ...c });
      } catch (error) {
        problem = error;
      }
      expect(problem).toBeInstanceOf(DomainProblem);
      expect((problem as DomainProblem).problem.status).toBe(400);
    }
  });

  it('passes transfers and raw calldata through', () => {
    expect(encodePayload({ kind: 'transfer', from: FROM, to: TO, value: '7' })).toEqual({
      to: TO,
      data: '0x',
      value: 7n,
      abi: null,
    });
    expect(encodePayload({ kind: 'call', from: FROM, to: TO, data: '0xabcd' }).data).toBe('0xabcd');
  });
});
