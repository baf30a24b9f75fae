export * from './interaction';
export * from './post-url';
