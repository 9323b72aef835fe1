export * from './chain-client';
export * from './ethers-chain-client';
export * from './contracts';
