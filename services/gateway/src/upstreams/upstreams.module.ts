import { Global, Module } from '@nestjs/common';
import { PLATFORM_CONFIG } from '@crosswalk/platform';
import { type GatewayConfig } from '../gateway.config';
import { UpstreamHealth } from './upstream-health';
import { UPSTREAM_URLS, upstreamUrls } from './upstreams';

@Global()
@Module({
  providers: [{ provide: UPSTREAM_URLS, inject: [PLATFORM_CONFIG], useFactory: (config: GatewayConfig) => upstreamUrls(config) }, UpstreamHealth],
  exports: [UPSTREAM_URLS],
})
export class UpstreamsModule {}
