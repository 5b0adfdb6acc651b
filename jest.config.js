// One jest run, three layers. Integration and e2e share a global setup that builds the dev Kafka cluster
// and checks MariaDB, so `npm test` on a fresh machine needs nothing started by hand.
const { pathsToModuleNameMapper } = require('./tools/jest/paths');

const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

// NestJS 12 ships ES modules only. Node 20 can require() them, jest's CommonJS runtime cannot, so jest
// compiles those packages to CommonJS with the same swc transform as our sources.
const ESM_ONLY = ['@nestjs'];

const common = {
  rootDir: __dirname,
  transform: { '^.+\\.ts$': swc, '^.+\\.m?js$': swc },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: pathsToModuleNameMapper(),
  testEnvironment: 'node',
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
};

module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{libs,services,tools,bench}/**/src/**/*.spec.ts', '<rootDir>/tools/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/{libs,services,tools}/**/test/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/tools/jest/global-setup.js',
      setupFilesAfterEnv: ['<rootDir>/tools/jest/timeout-integration.js'],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/tools/jest/global-setup-e2e.js',
      setupFilesAfterEnv: ['<rootDir>/tools/jest/timeout-e2e.js'],
    },
  ],
};
