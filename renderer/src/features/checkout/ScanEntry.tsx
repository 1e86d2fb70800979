import { useState, type FormEvent } from 'react';
import { useTranslation } from '../../i18n';

/** The manual entry of a code (keyed in, or a scanner when the field has the focus). */
export function ScanEntry({ onSubmit }: { onSubmit(code: string): void }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const text = code.trim();
    if (!text) return;
    setCode('');
    onSubmit(text);
  };
  return (
    <form className="scan-entry" onSubmit={submit}>
      <label htmlFor="scan-input">{t('scan.label')}</label>
      <input
        id="scan-input"
        data-testid="scan-input"
        autoComplete="off"
        inputMode="numeric"
        value={code}
        onChange={(e) => setCode(e.target.value)}
        placeholder={t('scan.placeholder')}
      />
      <button type="submit" data-testid="scan-submit">
        {t('scan.add')}
      </button>
    </form>
  );
}
