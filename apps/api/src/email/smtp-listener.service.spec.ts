import { describe, expect, it } from 'vitest';
import { smtpAnswer } from './smtp-listener.service';

describe(smtpAnswer.name, () => {
  it('should answer 250 when the reply is stored', () => {
    // Act
    const answer = smtpAnswer({ outcome: 'stored', id: 7, created: true, status: 'pending' });
    // Assert
    expect(answer).toEqual({ code: 250, message: 'Reply received; it will appear once the author of the post approves it.' });
  });

  it.each(['auto_reply', 'bounce'])('should accept and discard mail when it is dropped as %s, so no loop starts', (reason) => {
    // Act
    const answer = smtpAnswer({ outcome: 'dropped', reason, detail: 'Auto-Submitted: auto-replied' });
    // Assert
    expect(answer).toEqual({ code: 250, message: 'Automatic message received and discarded (Auto-Submitted: auto-replied).' });
  });

  it.each([
    ['empty_reply', 554, /no text of its own/],
    ['malformed', 554, /could not be read \(no sender address in the From header\)/],
    ['blocked', 550, /not accepted here/],
    ['unknown_reply_address', 550, /not a reply to a known post \(no sender address in the From header\)/],
    ['no_reply_address', 550, /not a reply to a known post/],
  ])('should refuse with a reason when the message is dropped as %s', (reason, code, message) => {
    // Act
    const answer = smtpAnswer({ outcome: 'dropped', reason, detail: 'no sender address in the From header' });
    // Assert
    expect(answer.code).toBe(code);
    expect(answer.message).toMatch(message);
  });
});
