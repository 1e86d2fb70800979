/**
 * Magnetic-stripe swipes as card readers send them: track 1 `%B<number>^<NAME>^<data>?`,
 * track 2 `;<number>=<data>?`, track 3 `;<data>?` (some readers mark it `+`). A reader sends the
 * tracks it read one after another; an unreadable track comes as `%E?`, `;E?` or `+E?`.
 */
export interface MagstripeSwipe {
  track1?: { formatCode: string; number: string; name: string; data: string };
  track2?: { number: string; data: string };
  track3?: { text: string };
  /** Tracks the reader reported as unreadable. */
  unreadable: number;
}

/** A swipe starts with a track sentinel and ends a track with '?'. */
export function looksLikeMagstripe(text: string): boolean {
  return /^[%;+]/.test(text) && text.includes('?');
}

const TRACK = /([%;+])([^%;+?]*)\?/g;

export function parseMagstripe(text: string): MagstripeSwipe {
  const swipe: MagstripeSwipe = { unreadable: 0 };
  let semicolons = 0;
  for (const m of text.matchAll(TRACK)) {
    const sentinel = m[1];
    const body = m[2] ?? '';
    const n = sentinel === '%' ? 1 : sentinel === '+' || semicolons++ > 0 ? 3 : 2;
    if (body === 'E' || body === '') {
      swipe.unreadable++;
      continue;
    }
    if (n === 1) {
      const t1 = /^([A-Z])([0-9 ]{1,19})\^([^^]{0,26})\^(.*)$/.exec(body);
      if (t1) {
        swipe.track1 = {
          formatCode: t1[1] ?? '',
          number: (t1[2] ?? '').replace(/ /g, ''),
          name: (t1[3] ?? '').trim(),
          data: t1[4] ?? '',
        };
      } else swipe.unreadable++;
    } else if (n === 2) {
      const t2 = /^(\d{1,19})(?:=(.*))?$/.exec(body);
      if (t2) swipe.track2 = { number: t2[1] ?? '', data: t2[2] ?? '' };
      else swipe.unreadable++;
    } else {
      swipe.track3 = { text: body };
    }
  }
  return swipe;
}

/**
 * Candidate card numbers of a swipe, most trustworthy first: track 2 (numeric, made for this),
 * track 1, then track 3 (as is, and without a two-digit ISO 4909 format code).
 */
export function cardNumberCandidates(swipe: MagstripeSwipe): string[] {
  const out: string[] = [];
  if (swipe.track2) out.push(swipe.track2.number);
  if (swipe.track1) out.push(swipe.track1.number);
  const t3 = swipe.track3 && /^(\d{1,21})(?:=|$)/.exec(swipe.track3.text)?.[1];
  if (t3) out.push(t3, t3.slice(2));
  return out.filter((n, i) => n.length > 0 && out.indexOf(n) === i);
}

/** "…1234": enough for a cashier to compare with the card, no more (card numbers are never shown whole). */
export function maskCardNumber(number: string): string {
  return `…${number.slice(-4)}`;
}
