export * from './databases';
export * from './poll';
