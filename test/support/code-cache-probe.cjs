// Preloaded with `node --require` before the CLI (a Node option, so V8's flags, which a code cache
// must match, stay as in a plain start): at exit, reports on stderr whether the CLI's loader gave
// V8 a code cache and whether V8 took it (see main/cli/code-cache.ts).
const vm = require('node:vm');

const seen = [];
vm.Script = class ProbedScript extends vm.Script {
  constructor(source, options) {
    super(source, options);
    seen.push({ given: options?.cachedData !== undefined, rejected: this.cachedDataRejected ?? null });
  }
};
process.on('exit', () => {
  process.stderr.write(`code cache: ${JSON.stringify(seen)}\n`);
});
