import { SetMetadata } from '@nestjs/common';

export const PUBLIC_ROUTE = 'crosswalk:public';
/** Health, metrics and docs: the only routes served without a token. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);
