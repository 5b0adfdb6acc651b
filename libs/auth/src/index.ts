export * from './principal';
export * from './city-scope';
export * from './auth.guard';
