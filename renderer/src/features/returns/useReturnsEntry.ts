import { useCallback, useState } from 'react';
import type { ReceiptRef } from '../../../../core/scan/receipt-code';

/** A receipt scanned at the till: a new object per scan, so the same receipt twice opens it twice. */
export interface ScannedReceipt {
  ref: ReceiptRef;
}

export interface ReturnsEntry {
  /** The returns screen is open. */
  open: boolean;
  scanned: ScannedReceipt | null;
  show(): void;
  close(): void;
  /** A receipt's code scanned with the basket empty (useCheckout's onReceiptScan): open its sale. */
  receiptScanned(ref: ReceiptRef): void;
}

/** Whether the till shows the returns screen, and the receipt that opened it: the checkout's one hook. */
export function useReturnsEntry(): ReturnsEntry {
  const [open, setOpen] = useState(false);
  const [scanned, setScanned] = useState<ScannedReceipt | null>(null);
  const show = useCallback(() => setOpen(true), []);
  const close = useCallback(() => {
    setOpen(false);
    setScanned(null);
  }, []);
  const receiptScanned = useCallback((ref: ReceiptRef) => {
    setScanned({ ref: { storeId: ref.storeId, terminalId: ref.terminalId, saleId: ref.saleId } });
    setOpen(true);
  }, []);
  return { open, scanned, show, close, receiptScanned };
}
