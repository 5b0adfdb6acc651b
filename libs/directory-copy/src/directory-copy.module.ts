import { type DynamicModule, Module, type ModuleMetadata, type Type } from '@nestjs/common';
import { DirectoryCopyHandler } from './directory-copy.handler';
import { DirectoryCopy } from './directory-copy.service';
import { DirectoryReactions } from './directory-reactions';

export interface DirectoryCopyOptions {
  /** The service's reactions to closures and transitions, called by the copy's handler after it recorded them. */
  reactions?: Type<DirectoryReactions>;
  /** The modules whose exported providers the reactions need. */
  imports?: ModuleMetadata['imports'];
}

/** The module `forService` returns: the handler (and the reactions), apart from the reads capabilities import. */
@Module({})
class DirectoryCopyHandlerModule {}

/**
 * The copy's reads (`DirectoryCopy`), for the capability modules that need them: they import this module. The
 * app module adds the copy's handler with `DirectoryCopyModule.forService(...)`, once. The two are apart because
 * the reactions depend on capabilities that themselves read the copy: one module holding both would import them
 * and be imported by them.
 */
@Module({ providers: [DirectoryCopy], exports: [DirectoryCopy] })
export class DirectoryCopyModule {
  static forService(options: DirectoryCopyOptions = {}): DynamicModule {
    return {
      module: DirectoryCopyHandlerModule,
      imports: [DirectoryCopyModule, ...(options.imports ?? [])],
      controllers: [DirectoryCopyHandler],
      providers: options.reactions ? [{ provide: DirectoryReactions, useClass: options.reactions }] : [],
    };
  }
}
