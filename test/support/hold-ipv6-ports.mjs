// Loaded with `node --import` before the CLI: each port the app is about to listen on at [::1] is
// taken there first, by a real listener in this process, as another local user's program could
// hold it. So every try at a port browser mode makes finds it taken on [::1] (the system's own
// EADDRINUSE), wherever the OS's choice on 127.0.0.1 falls.
import net from 'node:net';

const listen = net.Server.prototype.listen;
const holders = new WeakSet();

net.Server.prototype.listen = function (port, host, ...rest) {
  if (host !== '::1' || holders.has(this) || typeof port !== 'number') {
    return listen.call(this, port, host, ...rest);
  }
  const holder = net.createServer();
  holders.add(holder);
  holder.listen(port, '::1', () => {
    holder.unref();
    listen.call(this, port, host, ...rest);
  });
  return this;
};
