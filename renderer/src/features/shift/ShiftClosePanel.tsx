/** Placeholder reserved for issue 10 (the shift-close helper replaces it): close a shift and show its Z report. */
export function ShiftClosePanel(_props: { onDone: () => void }) {
  return null;
}
