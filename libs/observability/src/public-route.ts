import { SetMetadata } from '@nestjs/common';

export const PUBLIC_ROUTE = 'crosswalk:public';
/**
 * Served without a token: health, metrics and docs, and the few routes whose URL carries its own secret (a
 * calendar subscription); the gateway forwards only those listed in services/gateway/src/routing/public-routes.ts.
 */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);
