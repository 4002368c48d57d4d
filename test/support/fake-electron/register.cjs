// Preloaded with --require: `require('electron')` gets the fake next to this file, and `keytar`
// an in-memory one that records how it was loaded (require, in the CommonJS bundle).
'use strict';
const Module = require('node:module');
const path = require('node:path');

const fakes = {
  electron: path.join(__dirname, 'electron.cjs'),
  keytar: path.join(__dirname, 'keytar.cjs'),
};
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (Object.hasOwn(fakes, request)) return fakes[request];
  return resolve.call(this, request, ...rest);
};
if (process.env.FAKE_ELECTRON_PLATFORM) {
  Object.defineProperty(process, 'platform', { value: process.env.FAKE_ELECTRON_PLATFORM });
}
