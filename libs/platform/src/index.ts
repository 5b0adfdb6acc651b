export * from './config';
export * from './problems';
export * from './problem-schema';
export * from './validation';
export * from './platform.module';
export * from './bootstrap';
export * from './paging';
export * from './clock';
