import type { Role } from '@ondeck/shared';
import { describe, expect, it } from 'vitest';
import type { InviteRow } from '../src/catalog/indexDatabase.ts';
import { startBanner } from '../src/startBanner.ts';

function invite(role: Role, label: string, code: string): InviteRow {
  return { id: code, eventId: 'demo', role, label, code, createdAt: '', joins: 0 };
}

const INVITES = [
  invite('organizer', 'Organiser', 'org1'),
  invite('judge', 'Ann Lee', 'jud1'),
  invite('dj', 'DJ', 'dj01'),
  invite('public', 'Public heat list', 'pub1'),
];

describe('the start banner', () => {
  it('lists the venue network first and gives every link, the counter’s included, on that address', () => {
    const banner = startBanner({
      port: 8080,
      host: '0.0.0.0',
      lanAddresses: ['192.168.1.20', '10.0.0.5'],
      adminToken: null,
      demoInvites: INVITES,
    });
    const lines = banner.trim().split('\n');
    expect(lines[0]).toBe('ondeck is running.');
    expect(lines[1]).toMatch(/^ {2}On the venue network: +http:\/\/192\.168\.1\.20:8080$/);
    expect(lines[2]).toMatch(/^ +http:\/\/10\.0\.0\.5:8080$/);
    expect(lines[3]).toMatch(/^ {2}On this computer: +http:\/\/localhost:8080$/);
    expect(banner).toMatch(/Organiser +http:\/\/192\.168\.1\.20:8080\/join\/org1\n/);
    expect(banner).toMatch(/Judge Ann Lee +http:\/\/192\.168\.1\.20:8080\/join\/jud1\n/);
    expect(banner).toMatch(/Counter for a projector +http:\/\/192\.168\.1\.20:8080\/join\/pub1\?open=counter\n/);
    expect(banner).not.toContain('localhost:8080/join');
    expect(banner).not.toContain('Admin token');
  });

  it('uses the public URL when there is one, and shows a new admin token once', () => {
    const banner = startBanner({
      port: 8080,
      host: '0.0.0.0',
      publicUrl: 'https://floor.example.com',
      lanAddresses: ['192.168.1.20'],
      adminToken: 'admin-secret-123456',
      demoInvites: INVITES,
    });
    expect(banner).toMatch(/^ {2}Open: +https:\/\/floor\.example\.com$/m);
    expect(banner).toMatch(/DJ +https:\/\/floor\.example\.com\/join\/dj01\n/);
    expect(banner).toContain('Admin token (shown once; keep it to create events): admin-secret-123456');
    expect(banner).toMatch(/^ {2}Events \(admin token\): +https:\/\/floor\.example\.com\/admin$/m);
  });

  it('says so when only this computer can reach the server', () => {
    const banner = startBanner({
      port: 9000,
      host: '127.0.0.1',
      lanAddresses: ['192.168.1.20'],
      adminToken: null,
      demoInvites: INVITES,
    });
    expect(banner).not.toContain('192.168.1.20');
    expect(banner).toContain('Only this computer can reach it: set ONDECK_HOST=0.0.0.0');
    expect(banner).toMatch(/DJ +http:\/\/localhost:9000\/join\/dj01\n/);
  });

  it('gives a host it listens on alone as the network address', () => {
    const banner = startBanner({
      port: 8080,
      host: '192.168.1.20',
      lanAddresses: [],
      adminToken: null,
      demoInvites: [],
    });
    expect(banner).toMatch(/On the venue network: +http:\/\/192\.168\.1\.20:8080/);
    expect(banner).not.toContain('Demo event');
  });
});
