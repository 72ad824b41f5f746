export * from './seal-key';
export * from './seal-chain';
export * from './seal-store';
export * from './sealer';
export * from './log-verifier';
