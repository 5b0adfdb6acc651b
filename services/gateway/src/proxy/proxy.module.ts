import { type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { Forwarder } from './forwarder';
import { ProxyController, PublicProxyController } from './proxy.controller';
import { RateLimitMiddleware } from './rate-limit.middleware';

@Module({
  // In this order: the public paths are matched before the catch-all.
  controllers: [PublicProxyController, ProxyController],
  providers: [Forwarder],
})
export class ProxyModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RateLimitMiddleware).forRoutes({ path: 'v1/*path', method: RequestMethod.ALL });
  }
}
