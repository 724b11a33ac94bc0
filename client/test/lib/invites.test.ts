import { describe, expect, it } from 'vitest';
import { parseInvite } from '../../src/lib/invites.ts';

describe('pasted invites', () => {
  it('reads links and bare codes', () => {
    expect(parseInvite('https://floor.example/join/AbC123')).toEqual({
      code: 'AbC123',
      origin: 'https://floor.example',
    });
    expect(parseInvite('  AbC123 ')).toEqual({ code: 'AbC123', origin: null });
    expect(parseInvite('https://floor.example/e/spring')).toBeNull();
    expect(parseInvite('hello world')).toBeNull();
  });
});
