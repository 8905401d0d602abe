export * from './accounts';
export * from './system';
export * from './reference';
export * from './legal';
export * from './requests';
export * from './cases';
export * from './directory';
export * from './oficios';
