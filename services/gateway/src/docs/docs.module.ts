import { Module } from '@nestjs/common';
import { CombinedDocs } from './combined-docs';
import { docsRoutes } from './docs.routes';

@Module({ providers: [CombinedDocs, docsRoutes] })
export class DocsModule {}
