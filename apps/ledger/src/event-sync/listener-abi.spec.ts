import fc from 'fast-check';
import { AbiCoder, getAddress, Interface, toBeHex, zeroPadValue } from 'ethers';
import { DomainProblem } from '@strata/bus';
import { ListenerAbi } from './listener-abi';

const ABI = [
  {
    type: 'event',
    name: 'Ticked',
    anonymous: false,
    inputs: [
      { name: 'seq', type: 'uint256', indexed: true },
      { name: 'sender', type: 'address', indexed: true },
      { name: 'value', type: 'uint256', indexed: false },
    ],
  },
];
const SENDER = '0x00000000000000000000000000000000000000aa';

describe('a listener ABI', () => {
  afterEach(() => jest.restoreAllMocks());

  it('lists its events and their topic0', () => {
    const abi = ListenerAbi.parse(ABI);
    expect(abi.signatures()).toEqual(['Ticked(uint256,address,uint256)']);
    expect(abi.topics()).toEqual([new Interface(ABI).getEvent('Ticked')?.topicHash]);
  });

  it('refuses a malformed ABI or one without events as a 400', () => {
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
    for (const bad of [
      [{ type: 'event', name: 7 }],
      [{ type: 'function', name: 'f', inputs: [] }],
    ]) {
      try {
        ListenerAbi.parse(bad);
        throw new Error('accepted');
      } catch (error) {
        expect(error).toBeInstanceOf(DomainProblem);
        expect((error as DomainProblem).problem.status).toBe(400);
      }
    }
  });

  it('never throws on arbitrary JSON: it parses or answers a 400 problem', () => {
    // ethers logs each fragment it skips; the property only cares about the outcome.
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
    fc.assert(
      fc.property(fc.array(fc.dictionary(fc.string(), fc.jsonValue())), (abi) => {
        try {
          ListenerAbi.parse(abi);
          return true;
        } catch (error) {
          return error instanceof DomainProblem && error.problem.status === 400;
        }
      }),
    );
  });

  it('decodes a matching log with JSON-safe arguments and falls back to null otherwise', () => {
    const abi = ListenerAbi.parse(ABI);
    const topic0 = abi.topics()[0];
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 2n ** 256n - 1n }),
        fc.bigInt({ min: 0n, max: 2n ** 256n - 1n }),
        (seq, value) => {
          const decoded = abi.decode({
            address: SENDER,
            topics: [topic0, toBeHex(seq, 32), zeroPadValue(SENDER, 32)],
            data: AbiCoder.defaultAbiCoder().encode(['uint256'], [value]),
          });
          return (
            decoded?.name === 'Ticked' &&
            decoded.args.seq === seq.toString() &&
            decoded.args.value === value.toString() &&
            decoded.args.sender === getAddress(SENDER)
          );
        },
      ),
    );
    expect(
      abi.decode({ address: SENDER, topics: [`0x${'11'.repeat(32)}`], data: '0x' }),
    ).toBeNull();
    expect(abi.decode({ address: SENDER, topics: [topic0], data: '0x' })).toBeNull();
  });
});
