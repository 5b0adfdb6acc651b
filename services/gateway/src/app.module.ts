import { Module } from '@nestjs/common';
import { PlatformModule } from '@crosswalk/platform';
import { ConsoleModule } from './console/console.module';
import { DocsModule } from './docs/docs.module';
import { GatewayConfig } from './gateway.config';
import { ProxyModule } from './proxy/proxy.module';
import { UpstreamsModule } from './upstreams/upstreams.module';

/** No database and no Kafka: the gateway routes, documents and protects; the services own the data. */
@Module({
  imports: [PlatformModule.forService({ name: 'gateway', config: GatewayConfig }), UpstreamsModule, ProxyModule, DocsModule, ConsoleModule],
})
export class AppModule {}
