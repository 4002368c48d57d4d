// Loaded with `node --import` before the CLI: every node:http request goes nowhere and is never
// answered, with no socket or timer keeping the process alive, as a defect in a transport would
// leave a call: a promise nothing will settle.
import { EventEmitter } from 'node:events';
import http from 'node:http';

http.request = () =>
  Object.assign(new EventEmitter(), { end() {}, write() {}, destroy() {}, setTimeout() {} });
