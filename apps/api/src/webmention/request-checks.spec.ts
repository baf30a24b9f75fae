import { describe, expect, it } from 'vitest';
import { checkRequest, MAX_URL_LENGTH, type RequestRules } from './request-checks';

const TARGET = 'https://blog.example/2026/11/hello';
const SOURCE = 'https://alice.example/notes/7';
const rules: RequestRules = { targetDomains: ['blog.example'], isBlockedSource: (url) => url.startsWith('https://spam.example/') };

describe(checkRequest.name, () => {
  it('should accept http(s) source and target on a target domain and return them trimmed', () => {
    // Arrange
    const input = { source: ` ${SOURCE} `, target: TARGET };

    // Act
    const result = checkRequest(input, rules);

    // Assert
    expect(result).toEqual({ source: SOURCE, target: TARGET });
  });

  it('should accept a target on a target domain written with www. and a port', () => {
    expect(checkRequest({ source: SOURCE, target: 'http://www.blog.example:8080/post' }, rules)).toEqual({ source: SOURCE, target: 'http://www.blog.example:8080/post' });
  });

  it.each([
    [{ target: TARGET }, 'source'],
    [{ source: SOURCE }, 'target'],
    [{ source: '  ', target: TARGET }, 'source'],
    [{ source: SOURCE, target: null }, 'target'],
  ])('should refuse %j as missing_parameter naming %s', (input, parameter) => {
    expect(checkRequest({ source: undefined, target: undefined, ...input }, rules)).toMatchObject({ code: 'missing_parameter', parameter });
  });

  it.each([
    [{ source: 'alice.example/notes/7', target: TARGET }, 'source'],
    [{ source: SOURCE, target: '/2026/11/hello' }, 'target'],
    [{ source: [SOURCE, SOURCE], target: TARGET }, 'source'],
    [{ source: SOURCE, target: 42 }, 'target'],
    [{ source: `https://alice.example/${'a'.repeat(MAX_URL_LENGTH)}`, target: TARGET }, 'source'],
  ])('should refuse %j as invalid_url naming %s', (input, parameter) => {
    expect(checkRequest(input, rules)).toMatchObject({ code: 'invalid_url', parameter });
  });

  it.each([
    [{ source: 'ftp://alice.example/notes/7', target: TARGET }, 'source'],
    [{ source: 'javascript:alert(1)', target: TARGET }, 'source'],
    [{ source: SOURCE, target: 'mailto:owner@blog.example' }, 'target'],
  ])('should refuse %j as unsupported_scheme naming %s', (input, parameter) => {
    expect(checkRequest(input, rules)).toMatchObject({ code: 'unsupported_scheme', parameter });
  });

  it('should refuse the same page as source and target, also when written differently', () => {
    expect(checkRequest({ source: 'http://www.blog.example/2026/11/hello/', target: TARGET }, rules)).toMatchObject({ code: 'same_url' });
  });

  it('should refuse a target on another host and name that host in the message', () => {
    const result = checkRequest({ source: SOURCE, target: 'https://elsewhere.example/post' }, rules);
    expect(result).toMatchObject({ code: 'target_not_accepted', parameter: 'target' });
    expect('message' in result && result.message).toContain('elsewhere.example');
  });

  it('should refuse a subdomain of a target domain', () => {
    expect(checkRequest({ source: SOURCE, target: 'https://evil.blog.example/post' }, rules)).toMatchObject({ code: 'target_not_accepted' });
  });

  it('should refuse every target when no target domains are configured', () => {
    expect(checkRequest({ source: SOURCE, target: TARGET }, { ...rules, targetDomains: [] })).toMatchObject({ code: 'target_not_accepted' });
  });

  it('should refuse a blocklisted source', () => {
    expect(checkRequest({ source: 'https://spam.example/1', target: TARGET }, rules)).toMatchObject({ code: 'blocked_source', parameter: 'source' });
  });
});
