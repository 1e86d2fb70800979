// electron-builder's afterPack hook (electron-builder.yml). electron-builder loads hooks with require()
// or import(), neither of which reads TypeScript, so this shim registers tsx and hands over to fuses.ts.
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS, for electron-builder's require() */
require('tsx/cjs/api').register();
const { afterPack } = require('./fuses.ts');

module.exports = afterPack;
