// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { applyLocale, useStoreLanguage, useTranslation } from '../../../../renderer/src/i18n';

afterEach(() => {
  cleanup();
  applyLocale('en-GB');
});

/** A till screen in miniature: the store's locale in, text through t() out. */
function Screen({ locale }: { locale: string }) {
  useStoreLanguage(locale);
  const { t } = useTranslation();
  return <p data-testid="text">{t('tender.changeDue')}</p>;
}

describe('useStoreLanguage', () => {
  it('follows the store’s locale as it changes, and names the page’s language', () => {
    const view = render(<Screen locale="nl-NL" />);
    expect(screen.getByTestId('text').textContent).toBe('Wisselgeld');
    expect(document.documentElement.lang).toBe('nl');

    view.rerender(<Screen locale="ro-RO" />);
    expect(screen.getByTestId('text').textContent).toBe('Rest');
    expect(document.documentElement.lang).toBe('ro');

    view.rerender(<Screen locale="de-DE" />);
    expect(screen.getByTestId('text').textContent).toBe('Change due');
    expect(document.documentElement.lang).toBe('en');
  });
});
