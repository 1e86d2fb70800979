/** GS1 mod-10 check digit over the data digits (weights 3,1,3,… from the right). */
export function gtinCheckDigit(data: string): number {
  let sum = 0;
  for (let i = data.length - 1, w = 3; i >= 0; i--, w = w === 3 ? 1 : 3) {
    sum += (data.charCodeAt(i) - 48) * w;
  }
  return (10 - (sum % 10)) % 10;
}

/** Appends the check digit to data digits: `withCheckDigit('400638133393') === '4006381333931'`. */
export function withCheckDigit(data: string): string {
  return data + String(gtinCheckDigit(data));
}

export function hasValidCheckDigit(code: string): boolean {
  return code.length > 1 && gtinCheckDigit(code.slice(0, -1)) === code.charCodeAt(code.length - 1) - 48;
}

/**
 * UPC-E (8 digits: number system 0/1, six digits, check) expanded to its 12-digit UPC-A,
 * by the zero-suppression rule keyed on the sixth digit. Returns undefined for number systems
 * other than 0 and 1, which UPC-E does not have.
 */
export function expandUpcE(upce: string): string | undefined {
  const ns = upce[0];
  if (upce.length !== 8 || (ns !== '0' && ns !== '1')) return undefined;
  const [d1, d2, d3, d4, d5, d6] = upce.slice(1, 7);
  const check = upce[7];
  let body: string;
  switch (d6) {
    case '0':
    case '1':
    case '2':
      body = `${d1}${d2}${d6}0000${d3}${d4}${d5}`;
      break;
    case '3':
      body = `${d1}${d2}${d3}00000${d4}${d5}`;
      break;
    case '4':
      body = `${d1}${d2}${d3}${d4}00000${d5}`;
      break;
    default:
      body = `${d1}${d2}${d3}${d4}${d5}0000${d6}`;
  }
  return `${ns}${body}${check}`;
}
