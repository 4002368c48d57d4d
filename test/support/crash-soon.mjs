// Loaded with `node --import` before the CLI: soon after start, throws an error outside any
// promise chain whose message holds $CRASH_WITH, as a bug deep in a dependency might.
setTimeout(() => {
  throw new Error(`unexpected failure near ${process.env.CRASH_WITH ?? ''}`);
}, 30);
