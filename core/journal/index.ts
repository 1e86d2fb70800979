export * from './sale-event';
export * from './hash-chain';
