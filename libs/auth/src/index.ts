export * from './claims';
export * from './token-verifier';
export * from './roles.decorator';
export * from './write-access';
export * from './auth.guard';
