export * from './kassa-host';
