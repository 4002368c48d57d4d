// Loaded with `node --import` before the CLI: soon after start, throws an error outside any
// promise chain whose message holds $CRASH_WITH, as a bug deep in a dependency might.
setTimeout(() => {
  // A multi-line message, as if it mimicked a stack frame: only real frames may be printed.
  throw new Error(`unexpected failure near\n    at ${process.env.CRASH_WITH ?? ''}`);
}, 30);
