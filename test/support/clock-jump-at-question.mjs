// Loaded with `node --import` before the CLI: from the moment a [y/N] question is written to
// standard error, Date.now runs 16 minutes ahead, as if the user took that long to answer (an
// import's preview lasts 15). The CLI reads its clock through Date.now (main/cli/index.ts).
const realNow = Date.now;
let aheadMs = 0;
Date.now = () => realNow() + aheadMs;
const write = process.stderr.write.bind(process.stderr);
process.stderr.write = (chunk, ...rest) => {
  if (String(chunk).includes('[y/N]')) aheadMs = 16 * 60_000;
  return write(chunk, ...rest);
};
