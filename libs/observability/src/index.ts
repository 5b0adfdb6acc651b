export * from './request-context';
export * from './logging';
export * from './context.middleware';
export * from './health';
export * from './metrics';
export * from './public-route';
