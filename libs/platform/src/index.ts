export * from './config';
export * from './errors';
export * from './validation';
export * from './platform.module';
export * from './bootstrap';
export * from './paging';
export * from './clock';
export * from './recurring-job';
