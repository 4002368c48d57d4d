// An in-memory keytar; the fake electron's call log shows it was required.
'use strict';
const secrets = new Map();
process.send?.({ type: 'keytar-loaded' });
module.exports = {
  setPassword: async (service, account, secret) => void secrets.set(`${service}/${account}`, secret),
  getPassword: async (service, account) => secrets.get(`${service}/${account}`) ?? null,
  deletePassword: async (service, account) => secrets.delete(`${service}/${account}`),
  findCredentials: async (service) =>
    [...secrets]
      .filter(([key]) => key.startsWith(`${service}/`))
      .map(([key, password]) => ({ account: key.slice(service.length + 1), password })),
};
