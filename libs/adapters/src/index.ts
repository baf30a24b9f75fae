export * from './adapter';
export * from './html/sanitize';
