import { type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { ConsoleMiddleware } from './console.middleware';

/** The operator console's static files (see console-files.ts for what is served and how it is cached). */
@Module({})
export class ConsoleModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    // `{*path}` also matches `/` itself; the middleware leaves the gateway's own paths to their handlers.
    consumer.apply(ConsoleMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.GET }, { path: '{*path}', method: RequestMethod.HEAD });
  }
}
