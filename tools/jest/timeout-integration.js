// jest 30 ignores `testTimeout` inside a project; each layer sets its own budget here.
jest.setTimeout(120_000);
