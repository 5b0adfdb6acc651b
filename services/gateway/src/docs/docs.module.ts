import { Module } from '@nestjs/common';
import { CombinedDocs } from './combined-docs';

@Module({ providers: [CombinedDocs], exports: [CombinedDocs] })
export class DocsModule {}
