export * from './databases';
export * from './poll';
export * from './processes';
export * from './apps';
