// A pool worker of a CLI that runs from its bundle (bin/tenderscan): the worker thread loads
// the same bundle with the same code cache (bin/bundle.cjs), then runs the pool's worker module
// from it (src/engine/pool/worker.ts). Without a usable bundle, it runs dist/'s worker.js.
'use strict';
const { join } = require('node:path');

const bundled = require('./bundle.cjs').loadBundle(join(__dirname, '..', 'dist', 'tenderscan-bundle.cjs'));
if (bundled) bundled.exports.runWorker();
else import('../dist/engine/pool/worker.js');
