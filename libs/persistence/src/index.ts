export * from './orm-options';
export * from './migrate';
export * from './database';
export * from './persistence.module';
export * from './key-encryption';
