import { useState, type FormEvent } from 'react';

/** The manual entry of a code (keyed in, or a scanner when the field has the focus). */
export function ScanEntry({ onSubmit }: { onSubmit(code: string): void }) {
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
      <label htmlFor="scan-input">Barcode</label>
      <input
        id="scan-input"
        data-testid="scan-input"
        autoComplete="off"
        inputMode="numeric"
        value={code}
        onChange={(e) => setCode(e.target.value)}
        placeholder="Scan or type a barcode"
      />
      <button type="submit" data-testid="scan-submit">
        Add
      </button>
    </form>
  );
}
