// Tokens moved to text/ (rules/ uses them too, and rules/ must not import analyse/); kept here
// so that the analysis modules import them as before.
export * from '../text/tokens.js';
