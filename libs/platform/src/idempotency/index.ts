export * from './idempotency.rules';
export * from './idempotency-record.entity';
export * from './idempotency.migration';
export * from './idempotency.store';
export * from './idempotency.interceptor';
export * from './idempotency-openapi';
