// Preloaded with --import: makes `keytar` impossible to load, by require() and by import(), as on
// a machine where its optional install was skipped (no libsecret, no C++ toolchain).
import Module, { register } from 'node:module';

const notFound = (how) => {
  const error = new Error("Cannot find module 'keytar'");
  error.code = how;
  return error;
};

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (request === 'keytar') throw notFound('MODULE_NOT_FOUND');
  return resolveFilename.call(this, request, ...rest);
};

const hook = `export async function resolve(specifier, context, next) {
  if (specifier === 'keytar') {
    const error = new Error("Cannot find package 'keytar'");
    error.code = 'ERR_MODULE_NOT_FOUND';
    throw error;
  }
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`);
