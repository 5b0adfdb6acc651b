export * from './principal';
export * from './oidc';
export * from './token-verifier';
export * from './city-scope';
export * from './auth.guard';
