export * from './data-source';
export * from './database.module';
export * from './dialect';
export * from './ids';
export * from './errors';
export * from './locking';
export * from './natural-keys';
