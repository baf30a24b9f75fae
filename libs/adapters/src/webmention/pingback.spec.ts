import { describe, expect, it } from 'vitest';
import {
  MAX_PINGBACK_CALL_BYTES,
  parsePingbackCall,
  PingbackFault,
  pingbackFault,
  pingbackResponse,
} from './pingback';

const SOURCE = 'https://alice.example/2026/11/21/re-hello-chorus/';
const TARGET = 'https://blog.example/2026/11/hello';

function call(params: string, method = 'pingback.ping'): string {
  return `<?xml version="1.0"?>\n<methodCall>\n  <methodName>${method}</methodName>\n  <params>${params}</params>\n</methodCall>\n`;
}

const stringParam = (value: string): string => `<param><value><string>${value}</string></value></param>`;

describe(parsePingbackCall.name, () => {
  it('should read the source and target when both are <string> values', () => {
    expect(parsePingbackCall(call(stringParam(SOURCE) + stringParam(TARGET)))).toEqual({
      source: SOURCE,
      target: TARGET,
    });
  });

  it("should read bare values, XML-RPC's default string type, with surrounding whitespace and comments", () => {
    const xml = call(
      `<!-- from WordPress -->\n<param><value>  ${SOURCE}\n</value></param>\n<param><value>${TARGET}</value></param>`,
    );

    expect(parsePingbackCall(xml)).toEqual({ source: SOURCE, target: TARGET });
  });

  it('should decode the predefined and numeric entities in URLs', () => {
    const xml = call(stringParam('https://a.example/?p=1&amp;q=&#50;&#x33;') + stringParam(TARGET));

    expect(parsePingbackCall(xml)).toEqual({ source: 'https://a.example/?p=1&q=23', target: TARGET });
  });

  it('should answer method not found (-32601) for another method', () => {
    expect(
      parsePingbackCall(call(stringParam(SOURCE) + stringParam(TARGET), 'wp.getUsersBlogs')),
    ).toMatchObject({
      fault: PingbackFault.methodNotFound,
    });
  });

  it.each([
    ['one parameter', stringParam(SOURCE)],
    ['three parameters', stringParam(SOURCE) + stringParam(TARGET) + stringParam(TARGET)],
    ['a struct instead of a string', `<param><value><struct></struct></value></param>${stringParam(TARGET)}`],
    ['an empty source', stringParam('') + stringParam(TARGET)],
  ])('should answer invalid parameters (-32602) for %s', (_name, params) => {
    expect(parsePingbackCall(call(params))).toMatchObject({ fault: PingbackFault.invalidParams });
  });

  it.each([
    [
      'a billion-laughs DOCTYPE',
      `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><methodCall><methodName>pingback.ping</methodName><params>${stringParam('&lol2;')}${stringParam(TARGET)}</params></methodCall>`,
    ],
    [
      'an external entity (XXE)',
      `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><methodCall><methodName>pingback.ping</methodName><params>${stringParam('&xxe;')}${stringParam(TARGET)}</params></methodCall>`,
    ],
    ['an undefined entity', call(stringParam('&xxe;') + stringParam(TARGET))],
    ['a CDATA section', call(stringParam(`<![CDATA[${SOURCE}]]>`) + stringParam(TARGET))],
    ['a processing instruction', call(`<?php echo 1; ?>${stringParam(SOURCE)}${stringParam(TARGET)}`)],
    ['an unclosed element', call(stringParam(SOURCE) + '<param><value><string>x</value></param>')],
    ['mismatched tags', '<methodCall><methodName>pingback.ping</methodCall></methodName>'],
    ['a stray <', call(stringParam(`${SOURCE}<`) + stringParam(TARGET))],
    ['attributes', call(`<param a="1"><value>${SOURCE}</value></param>${stringParam(TARGET)}`)],
    ['two roots', call(stringParam(SOURCE) + stringParam(TARGET)) + '<methodCall/>'],
    ['text outside the root', `junk${call(stringParam(SOURCE) + stringParam(TARGET))}`],
    ['another root element', '<methodResponse><params/></methodResponse>'],
    ['an empty body', ''],
    ['JSON', JSON.stringify({ source: SOURCE, target: TARGET })],
    ['deep nesting', call('<value>'.repeat(10_000) + '</value>'.repeat(10_000))],
    ['an oversized body', call(stringParam('x'.repeat(MAX_PINGBACK_CALL_BYTES)) + stringParam(TARGET))],
  ])('should answer a parse error (-32700) without expanding anything for %s', (_name, xml) => {
    const started = performance.now();

    const result = parsePingbackCall(xml);

    expect(result).toMatchObject({ fault: PingbackFault.parseError });
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe(pingbackResponse.name, () => {
  it('should wrap the message in an XML-RPC string response with XML escaped', () => {
    expect(pingbackResponse('Ping from <a> & "b" registered')).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<methodResponse><params><param><value><string>Ping from &lt;a&gt; &amp; &quot;b&quot; registered</string></value></param></params></methodResponse>\n',
    );
  });
});

describe(pingbackFault.name, () => {
  it('should serialise the fault code and string as an XML-RPC fault struct', () => {
    expect(pingbackFault(PingbackFault.noLinkToTarget, "The source doesn't link to <target>")).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<methodResponse><fault><value><struct>' +
        '<member><name>faultCode</name><value><int>17</int></value></member>' +
        '<member><name>faultString</name><value><string>The source doesn&apos;t link to &lt;target&gt;</string></value></member>' +
        '</struct></value></fault></methodResponse>\n',
    );
  });

  it('should drop control characters that XML cannot carry', () => {
    expect(pingbackFault(0, 'bad\u0000\u001bvalue')).toContain('<string>badvalue</string>');
  });

  it('should use the codes of the Pingback and XML-RPC fault specs', () => {
    expect(PingbackFault).toEqual({
      generic: 0,
      sourceNotFound: 16,
      noLinkToTarget: 17,
      targetNotFound: 32,
      targetCannotBeUsed: 33,
      alreadyRegistered: 48,
      accessDenied: 49,
      upstreamError: 50,
      parseError: -32700,
      methodNotFound: -32601,
      invalidParams: -32602,
    });
  });
});
