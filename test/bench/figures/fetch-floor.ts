// For context, not a budget: what plain Node needs to do the same work with nothing of ours —
// start, serve one HTTP request on 127.0.0.1 and make it with fetch, then exit — with the same V8
// flag the CLI sets (--liftoff-only, see main/cli/index.ts). The CLI cannot start faster than
// this; the difference between the two figures is the CLI's own code.
import { alternate, ms, median, percentile, timeProcess, type Figure } from '../figure';

const SCRIPT = `
const server = require('node:http').createServer((req, res) => { req.resume(); req.on('end', () => res.end('{}')); });
server.listen(0, '127.0.0.1', async () => {
  const response = await fetch('http://127.0.0.1:' + server.address().port + '/', { method: 'POST', body: new URLSearchParams({ a: 'b' }) });
  await response.text();
  process.exit(0);
});`;

export const fetchFloor: Figure = {
  name: 'fetch floor',
  async measure({ runs }) {
    const { samplesMs, baselineSamplesMs } = alternate(
      runs,
      3,
      () => timeProcess(process.execPath, ['--liftoff-only', '-e', SCRIPT]),
      () => timeProcess(process.execPath, ['-e', '']),
    );
    const above = median(samplesMs) - median(baselineSamplesMs ?? []);
    return [
      {
        figure: 'reference: plain node serving and fetching one local request',
        median: `${ms(median(samplesMs))} (+${ms(above)} over node -e '')`,
        p95: ms(percentile(samplesMs, 95)),
        budget: '—',
        within: null,
        data: { samplesMs, baselineSamplesMs },
      },
    ];
  },
};
