import { describe, expect, it } from 'vitest';
import { detectAutoReply } from './auto-reply';

const PERSON = 'alice@example.org';

function headers(entries: Record<string, unknown>): Map<string, unknown> {
  return new Map(
    Object.entries({ from: 'Alice <alice@example.org>', 'content-type': 'text/plain', ...entries }),
  );
}

describe(detectAutoReply.name, () => {
  it.each([
    ['auto-submitted', 'auto-replied', 'Auto-Submitted: auto-replied'],
    ['auto-submitted', 'Auto-Generated', 'Auto-Submitted: auto-generated'],
    ['precedence', 'bulk', 'Precedence: bulk'],
    ['precedence', 'JUNK', 'Precedence: junk'],
    ['precedence', 'list', 'Precedence: list'],
    ['precedence', 'auto_reply', 'Precedence: auto_reply'],
    ['x-autoreply', 'yes', 'x-autoreply header present'],
    ['x-autorespond', 'Thanks for your mail', 'x-autorespond header present'],
    ['x-auto-response-suppress', 'All', 'X-Auto-Response-Suppress: All'],
    ['x-auto-response-suppress', 'DR, OOF', 'X-Auto-Response-Suppress: OOF'],
    ['x-auto-response-suppress', 'AutoReply', 'X-Auto-Response-Suppress: AutoReply'],
    ['list-id', '<friends.lists.example.org>', 'mailing-list mail (List-Id/List-Unsubscribe)'],
    ['list-unsubscribe', '<mailto:leave@lists.example.org>', 'mailing-list mail (List-Id/List-Unsubscribe)'],
    [
      'list',
      { id: { id: 'friends.lists.example.org', name: 'Friends' } },
      'mailing-list mail (List-Id/List-Unsubscribe)',
    ],
  ])('should flag an auto-reply when %s is %j', (name, value, detail) => {
    // Act
    const verdict = detectAutoReply(headers({ [name]: value }), PERSON);

    // Assert
    expect(verdict).toEqual({ reason: 'auto_reply', detail });
  });

  it.each([
    ['the envelope sender is null', headers({}), ''],
    ['the envelope sender is <>', headers({}), '<>'],
    ['MAIL FROM is MAILER-DAEMON', headers({}), 'MAILER-DAEMON@mx.example.org'],
    [
      'From is postmaster (mailparser address object)',
      headers({ from: { text: 'Postmaster <postmaster@mx.example.org>', value: [] } }),
      PERSON,
    ],
    [
      'the message is a multipart/report',
      headers({
        'content-type': { value: 'multipart/report', params: { 'report-type': 'delivery-status' } },
      }),
      PERSON,
    ],
  ])('should flag a bounce when %s', (_case, mailHeaders, mailFrom) => {
    // Act
    const verdict = detectAutoReply(mailHeaders, mailFrom);

    // Assert
    expect(verdict?.reason).toBe('bounce');
  });

  it.each([
    ['no automation headers', {}],
    ['Auto-Submitted: no', { 'auto-submitted': 'no' }],
    ['Precedence: first-class', { precedence: 'first-class' }],
    ['X-Auto-Response-Suppress: DR, RN', { 'x-auto-response-suppress': 'DR, RN' }],
  ])('should let a personal reply through when it has %s', (_case, entries) => {
    // Act
    const verdict = detectAutoReply(headers(entries), PERSON);

    // Assert
    expect(verdict).toBeNull();
  });
});
