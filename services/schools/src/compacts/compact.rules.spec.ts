import { signingRole } from './compact.rules';

describe('signingRole', () => {
  it('prefers the chief role, else another role held there (stably), else none', () => {
    expect(signingRole(['board_chair', 'chief'], 'chief')).toBe('chief');
    expect(signingRole(['deputy', 'board_chair'], 'chief')).toBe('board_chair');
    expect(signingRole([], 'chief')).toBeNull();
  });
});
