export * from './bounds';
export * from './envelope';
export * from './sale-event';
export * from './upcasters';
export * from './event-types';
export * from './admission';
export * from './totals';
export * from './hash-chain';
