// For context, not a budget: what plain Node needs to do the same work with nothing of ours —
// start, serve one HTTP request on 127.0.0.1 and make it with node:http (as the CLI does), then
// exit. The CLI cannot start faster than this; the difference between the two figures is the
// CLI's own code.
import { alternate, ms, median, percentile, timeProcess, type Figure } from '../figure';

const SCRIPT = `
const http = require('node:http');
const server = http.createServer((req, res) => { req.resume(); req.on('end', () => res.end('{}')); });
server.listen(0, '127.0.0.1', () => {
  const request = http.request({ port: server.address().port, host: '127.0.0.1', method: 'POST', agent: false }, (response) => {
    response.resume();
    response.on('end', () => process.exit(0));
  });
  request.end('a=b');
});`;

export const fetchFloor: Figure = {
  name: 'fetch floor',
  async measure({ runs }) {
    const { samplesMs, baselineSamplesMs } = alternate(
      runs,
      3,
      () => timeProcess(process.execPath, ['-e', SCRIPT]),
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
