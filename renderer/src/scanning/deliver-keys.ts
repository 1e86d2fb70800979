/**
 * Hands keys the wedge detector held back to whatever has the focus, as if typed: characters
 * are inserted at the caret of a text field (with an `input` event, so React sees the change);
 * Space on a button presses it. Other targets had nothing to type into.
 */
export function deliverKeys(keys: readonly string[], target: Element | null): void {
  const text = keys.filter((k) => k.length === 1).join('');
  if (!text) return;
  if (isTextField(target)) {
    const start = target.selectionStart ?? target.value.length;
    const end = target.selectionEnd ?? start;
    target.setRangeText(text, start, end, 'end');
    target.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: text }));
    return;
  }
  if (target instanceof HTMLButtonElement && text.includes(' ')) target.click();
}

const TEXT_INPUT_TYPES = new Set(['text', 'search', 'tel', 'url', 'email', 'password', 'number', '']);

export function isTextField(el: Element | null): el is HTMLInputElement | HTMLTextAreaElement {
  if (el instanceof HTMLTextAreaElement) return !el.readOnly && !el.disabled;
  if (el instanceof HTMLInputElement) {
    return TEXT_INPUT_TYPES.has(el.type) && el.type !== 'number' && !el.readOnly && !el.disabled;
  }
  return false;
}
