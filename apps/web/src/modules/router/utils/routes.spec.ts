import { describe, expect, it } from 'vitest';
import { parseRoute, routeHref, type Route } from './routes';

describe(parseRoute.name, () => {
  it.each<[string, string, Route]>([
    ['/', '', { name: 'inbox' }],
    ['/inbox', '', { name: 'inbox' }],
    ['/inbox/42', '', { name: 'interaction', id: 42 }],
    ['/inbox/42/', '', { name: 'interaction', id: 42 }],
    ['/posts', '?url=https%3A%2F%2Fblog.example%2Fa', { name: 'post', url: 'https://blog.example/a' }],
    ['/posts', '', { name: 'notFound' }],
    ['/settings', '', { name: 'settings' }],
    ['/inbox/abc', '', { name: 'notFound' }],
    ['/interactions/42', '', { name: 'notFound' }],
  ])('should read %s%s as the right screen', (pathname, search, expected) => {
    // Arrange / Act
    const route = parseRoute(pathname, search);

    // Assert
    expect(route).toEqual(expected);
  });
});

describe(routeHref.name, () => {
  it('should give back a path that parses to the same route when round-tripped', () => {
    // Arrange
    const route: Route = { name: 'post', url: 'https://blog.example/a?b=c&d' };

    // Act
    const href = new URL(routeHref(route), 'http://hub.test');

    // Assert
    expect(parseRoute(href.pathname, href.search)).toEqual(route);
  });
});
