import 'reflect-metadata';
export * from './topics';
export * from './envelope';
export * from './registry';
export * from './schools/directory';
