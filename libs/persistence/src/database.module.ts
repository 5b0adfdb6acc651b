import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { dataSourceOptions, ensureDatabaseExists, type ServiceDatabaseOptions } from './data-source';

/** Where the database is: provided globally by the platform module from validated configuration. */
export const DATABASE_SETTINGS = Symbol('DATABASE_SETTINGS');
export interface DatabaseSettings {
  databaseUrl?: string;
  dataDir?: string;
}

@Module({})
export class DatabaseModule {
  static forService(options: Omit<ServiceDatabaseOptions, 'databaseUrl' | 'dataDir'>): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [DATABASE_SETTINGS],
          useFactory: (settings: DatabaseSettings) => ({
            ...dataSourceOptions({ ...options, ...settings }),
            // A short retry rides out a database that starts with us; a wrong server fails start-up fast.
            retryAttempts: 3,
            retryDelay: 1000,
          }),
          dataSourceFactory: async (opts?: DataSourceOptions) => {
            if (!opts) throw new Error('database options missing');
            if (opts.type === 'mysql' && opts.url) await ensureDatabaseExists(opts.url);
            return new DataSource(opts).initialize();
          },
        }),
      ],
      exports: [TypeOrmModule],
    };
  }
}
