// Vite bundles imported style sheets; TypeScript only needs to know the import is allowed.
declare module '*.css';
