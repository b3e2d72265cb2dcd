export * from './bus';
export * from './dynamodb-local';
export * from './gateway';
export * from './issuer';
export * from './runtime';
export * from './stream-poller';
export * from './tables';
export * from './faults';
