export * from './gtin';
export * from './product-code';
export * from './wedge';
