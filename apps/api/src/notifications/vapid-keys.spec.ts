import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadOrCreateVapidKeys, VAPID_FILE, vapidSubject } from './vapid-keys';

describe(loadOrCreateVapidKeys.name, () => {
  const dirs: string[] = [];
  const newDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'chorus-vapid-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('should create an owner-only key file on first start and reuse it afterwards', () => {
    // Arrange
    const dir = newDir();

    // Act
    const first = loadOrCreateVapidKeys(dir);
    const second = loadOrCreateVapidKeys(dir);

    // Assert
    expect(second).toEqual(first);
    expect(Buffer.from(first.publicKey, 'base64url')).toHaveLength(65);
    expect(statSync(join(dir, VAPID_FILE)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(join(dir, VAPID_FILE), 'utf8'))).toEqual(first);
  });

  it('should refuse a key file that holds no key pair, saying how to fix it', () => {
    // Arrange
    const dir = newDir();
    writeFileSync(join(dir, VAPID_FILE), '{"publicKey": "abc"}');

    // Act / Assert
    expect(() => loadOrCreateVapidKeys(dir)).toThrow(/delete it to generate a new one/);
  });
});

describe(vapidSubject.name, () => {
  it.each([
    ['mailto:owner@example.org', 'https://hub.example', 'mailto:owner@example.org'],
    [null, 'https://hub.example/chorus', 'https://hub.example'],
    [null, 'http://127.0.0.1:8080', 'mailto:chorus@127.0.0.1'],
  ])('should use contact %s with public URL %s as %s', (contact, publicUrl, expected) => {
    // Arrange / Act
    const subject = vapidSubject(contact, publicUrl);

    // Assert
    expect(subject).toBe(expected);
  });
});
