// The registry of rule kinds: a new kind is one module and one line here.
import { contextKind } from './context.js';
import { exceptionKind } from './exception.js';
import { frameKind } from './frame.js';
import { productKind } from './product.js';
import { proximityKind } from './proximity.js';
import { termsKind } from './terms.js';
import type { RuleKind } from './types.js';

// Looked up by the `kind` a pack names: no prototype, so `kind: constructor` is an unknown kind.
export const RULE_KINDS: Record<string, RuleKind<any>> = Object.assign(Object.create(null), {
  terms: termsKind,
  proximity: proximityKind,
  exception: exceptionKind,
  frame: frameKind,
  context: contextKind,
  product: productKind,
});
