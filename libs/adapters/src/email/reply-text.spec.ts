import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractReplyHtml, extractReplyText } from './reply-text';

interface CorpusCase {
  file: string;
  upstream_test: string;
  value: string;
}

const corpusDir = join(__dirname, 'fixtures', 'email-reply-parser');
const corpus = JSON.parse(readFileSync(join(corpusDir, 'expectations.json'), 'utf8')) as {
  cases: CorpusCase[];
};

describe(extractReplyText.name, () => {
  // Upstream asserts the first visible fragment; the pipeline keeps it trimmed (see SOURCE.md).
  it.each(corpus.cases)('should keep only the new text of $file ($upstream_test)', ({ file, value }) => {
    // Arrange
    const body = readFileSync(join(corpusDir, file), 'utf8');

    // Act
    const reply = extractReplyText(body);

    // Assert
    expect(reply).toBe(value.replace(/\r\n/g, '\n').trim());
  });

  it.each([
    ['Spanish', 'Gracias!\n\nEl lun., 3 ene. 2022 a las 10:00, Ana <ana@example.es> escribió:\n> Hola'],
    ['Danish', 'Tak!\n\nDen 3. jan. 2022 kl. 10.00 skrev Ane <ane@example.dk>:\n> Hej'],
    ['Swedish', 'Tack!\n\nDen 3 jan. 2022 kl. 10:00 skrev Anna <anna@example.se>:\n> Hej'],
    ['Russian', 'Спасибо!\n\n3 января 2022 г., в 10:00, Анна <anna@example.ru> написала:\n> Привет'],
    [
      'Spanish Outlook',
      'Gracias!\n\nDe: Ana <ana@example.es>\nEnviado: lunes, 3 de enero de 2022 10:00\nPara: Bob\nAsunto: Hola',
    ],
    [
      'Swedish Outlook',
      'Tack!\n\nFrån: Anna <anna@example.se>\nSkickat: den 3 januari 2022 10:00\nTill: Bob',
    ],
    [
      'Polish Outlook',
      'Dzięki!\n\nOd: Anna <anna@example.pl>\nWysłano: poniedziałek, 3 stycznia 2022 10:00\nDo: Bob',
    ],
    ['Apple Mail', 'Thanks!\n\n> On 3 Jan 2022, at 10:00, Ann <ann@example.com> wrote:\n> \n> Hello'],
  ])('should strip the %s quote header and history', (_language, body) => {
    // Act
    const reply = extractReplyText(body);

    // Assert
    expect(reply).toMatch(/^(Gracias!|Tak!|Tack!|Спасибо!|Dzięki!|Thanks!)$/u);
  });

  it.each([
    ['the "-- " delimiter', 'Great post.\n\n-- \nBob\nhttps://bob.example'],
    ['"Sent from my iPhone"', 'Great post.\n\nSent from my iPhone'],
    ['"Envoyé de mon iPhone"', 'Great post.\n\nEnvoyé de mon iPhone'],
    ['"Von meinem iPhone gesendet"', 'Great post.\n\nVon meinem iPhone gesendet'],
    ['"Enviado desde mi iPhone"', 'Great post.\n\nEnviado desde mi iPhone'],
  ])('should strip a signature introduced by %s', (_signature, body) => {
    // Act
    const reply = extractReplyText(body);

    // Assert
    expect(reply).toBe('Great post.');
  });

  it('should keep the answer of a bottom-posted reply when the quote comes first', () => {
    // Arrange
    const body =
      'On Mon, 3 Jan 2022 at 10:00, Ann <ann@example.com> wrote:\n> Do you agree?\n>\n\nI do, mostly.\n\n-- \nBob';

    // Act
    const reply = extractReplyText(body);

    // Assert
    expect(reply).toBe('I do, mostly.');
  });

  it('should keep a line that merely precedes a wrapped attribution', () => {
    // Arrange
    const body = 'Thanks!\nOn Tue, 16 Nov 2021, 12:34 pm John <john@example.com>\nwrote:\n\n> Hi';

    // Act
    const reply = extractReplyText(body);

    // Assert
    expect(reply).toBe('Thanks!');
  });

  it('should keep ordinary text with colons, dates and addresses when no history follows', () => {
    // Arrange
    const body = 'Meet me on 3 Jan at 10:00.\nMy address: bob@example.com\n\nNote: bring snacks.';

    // Act
    const reply = extractReplyText(body);

    // Assert
    expect(reply).toBe(body);
  });

  it('should find the answer after thousands of attribution and quote blocks without deep recursion', () => {
    // Arrange
    const body = `${Array.from({ length: 20_000 }, () => 'On 1 Jan 2020, Ann <ann@example.com> wrote:\n> q').join('\n')}\nMy answer.`;

    // Act
    const reply = extractReplyText(body);

    // Assert
    expect(reply).toBe('My answer.');
  });

  it('should return a huge unbroken line quickly when it looks like nothing quoted', () => {
    // Arrange
    const body = `${'a1'.repeat(500_000)}\nwrote:`;

    // Act
    const started = Date.now();
    const reply = extractReplyText(body);

    // Assert
    expect(reply).toBe(body);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('should return an empty string when the message is only quoted history', () => {
    // Act
    const reply = extractReplyText('> just a quote\n> nothing else\n');

    // Assert
    expect(reply).toBe('');
  });
});

describe(extractReplyHtml.name, () => {
  it.each([
    [
      'Apple Mail',
      '<div>Lovely post!</div><div><br><blockquote type="cite"><div>On 3 Jan 2022, at 10:00, Ann &lt;ann@example.com&gt; wrote:</div><div>Hello</div></blockquote></div>',
    ],
    [
      'Thunderbird',
      '<p>Lovely post!</p><div class="moz-cite-prefix">On 03/01/2022 10:00, Ann wrote:<br></div><blockquote type="cite" cite="mid:x@y">Hello</blockquote>',
    ],
    [
      'Gmail',
      '<div dir="ltr">Lovely post!</div><br><div class="gmail_quote gmail_quote_container"><div dir="ltr" class="gmail_attr">On Mon, 3 Jan 2022 at 10:00, Ann &lt;<a href="mailto:ann@example.com">ann@example.com</a>&gt; wrote:<br></div><blockquote class="gmail_quote">Hello</blockquote></div>',
    ],
    [
      'Outlook',
      '<div>Lovely post!</div><div id="appendonsend"></div><hr style="display:inline-block;width:98%"><div id="divRplyFwdMsg" dir="ltr"><b>From:</b> Ann<br><b>Sent:</b> Monday</div><div>Hello</div>',
    ],
    [
      'Outlook without appendonsend',
      '<div>Lovely post!</div><hr><div id="divRplyFwdMsg" dir="ltr"><b>From:</b> Ann</div><div>Hello</div>',
    ],
    [
      'an iPhone signature',
      '<div dir="ltr">Lovely post!</div><div dir="ltr"><br><div dir="ltr">Sent from my iPhone</div></div>',
    ],
    [
      'a Gmail signature',
      '<div dir="ltr">Lovely post!<br clear="all"><div><br></div><span class="gmail_signature_prefix">-- </span><br><div dir="ltr" class="gmail_signature" data-smartmail="gmail_signature">Bob<br>https://bob.example</div></div>',
    ],
  ])('should keep only the new text of %s HTML', (_client, html) => {
    // Act
    const content = extractReplyHtml(html);

    // Assert
    expect(content.text).toBe('Lovely post!');
    expect(content.html).not.toContain('Hello');
    expect(content.html).not.toContain('wrote');
  });

  it('should stay fast when HTML-only mail nests thousands of blocks around a large text', () => {
    // Arrange
    const html = `${'<div>'.repeat(5000)}${'word '.repeat(100_000)}${'</div>'.repeat(5000)}`;

    // Act
    const started = Date.now();
    const content = extractReplyHtml(html);

    // Assert
    expect(content.text.startsWith('word word')).toBe(true);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('should never let scripts, handlers or javascript: links through when the HTML is hostile', () => {
    // Arrange
    const html =
      '<p onclick="alert(1)">Hi <a href="javascript:alert(2)">x</a><img src=x onerror="alert(3)"><script>alert(4)</script>' +
      '<svg><script>alert(5)</script></svg><iframe src="https://evil.example"></iframe><style>*{}</style></p>';

    // Act
    const content = extractReplyHtml(html);

    // Assert
    expect(content.html).not.toMatch(/script|onclick|onerror|javascript:|iframe|<svg|<style|alert\(/i);
    expect(content.text).toBe('Hi x');
  });
});
