import 'reflect-metadata';
export * from './topics';
export * from './envelope';
export * from './registry';
export * from './dates';
export * from './schools/directory';
export * from './schools/leadership';
export * from './schools/compacts';
export * from './colocations/partnerships';
