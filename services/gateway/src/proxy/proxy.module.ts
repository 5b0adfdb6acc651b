import { type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { Forwarder } from './forwarder';
import { ProxyController } from './proxy.controller';
import { PublicProxyController } from './public-proxy.controller';
import { RateLimitMiddleware } from './rate-limit.middleware';

@Module({
  // The public routes first: Express tries routes in the order they are registered, and the catch-all takes any.
  controllers: [PublicProxyController, ProxyController],
  providers: [Forwarder],
})
export class ProxyModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RateLimitMiddleware).forRoutes({ path: 'v1/*path', method: RequestMethod.ALL });
  }
}
