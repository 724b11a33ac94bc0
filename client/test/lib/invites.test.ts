import { describe, expect, it } from 'vitest';
import { parseInvite, reachableElsewhere } from '../../src/lib/invites.ts';

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

describe('links another device can open', () => {
  it('are not on loopback', () => {
    expect(reachableElsewhere('http://192.168.1.20:8080/join/AbC123')).toBe(true);
    expect(reachableElsewhere('https://floor.example/join/AbC123')).toBe(true);
    expect(reachableElsewhere('http://localhost:8080/join/AbC123')).toBe(false);
    expect(reachableElsewhere('http://127.0.0.1:8080/join/AbC123')).toBe(false);
    expect(reachableElsewhere('http://[::1]:8080/join/AbC123')).toBe(false);
    expect(reachableElsewhere('not a link')).toBe(false);
  });
});
