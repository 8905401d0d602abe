/** The cases feature's public API for other features (the rest is internal). */
export * from './labels';
