import { describe, expect, it } from 'vitest';
import { pickLanguage, Translator } from './i18n';

describe(pickLanguage.name, () => {
  it('should use the lang attribute when the widget speaks it', () => {
    // Arrange
    const attribute = 'de-AT';
    const documentLang = 'fr';

    // Act
    const language = pickLanguage(attribute, documentLang);

    // Assert
    expect(language).toBe('de');
  });

  it("should fall back to the document's language when the attribute is missing or unknown", () => {
    expect(pickLanguage(null, 'fr-CA')).toBe('fr');
    expect(pickLanguage('tlh', 'FR')).toBe('fr');
  });

  it('should fall back to English when no language is known', () => {
    expect(pickLanguage(undefined, '', 'pt-BR')).toBe('en');
  });
});

describe(Translator.name, () => {
  it('should choose the singular for one and the plural otherwise in English', () => {
    const t = new Translator('en');

    expect(t.count('replies', 1)).toBe('1 reply');
    expect(t.count('replies', 0)).toBe('0 replies');
    expect(t.count('replies', 12)).toBe('12 replies');
  });

  it('should use the French rule that zero and one are singular', () => {
    const t = new Translator('fr');

    expect(t.count('replies', 0)).toBe('0 réponse');
    expect(t.count('replies', 2)).toBe('2 réponses');
  });

  it('should speak German', () => {
    const t = new Translator('de');

    expect(t.count('showMore', 3)).toBe('3 weitere Antworten zeigen');
    expect(t.text('heading')).toBe('Reaktionen');
  });

  it('should fill in named placeholders and keep unknown ones', () => {
    const t = new Translator('en');

    expect(t.text('webmentionRejected', { reason: 'no_link_to_target' })).toBe('Not accepted: no_link_to_target');
    expect(t.text('webmentionRejected')).toBe('Not accepted: {reason}');
  });
});
