// The rest: the sandbox, links, settings and history.
import { EXPLANATIONS } from '../../app/explanations';
import { isAllowedExternalUrl } from '../../app/links';
import { preflight } from '../../app/preflight';
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, SANDBOX_SCENARIOS } from '../../app/sandbox';
import type { HostInfo } from '../../app/host';
import { historyItem } from '../history/history-item';
import type { HistoryStore } from '../history/history-store';
import { ipcFailure, type IpcHandlers } from '../ipc/router';
import type { SettingsStore } from '../settings';
import { notSaved } from './not-saved';

type AppMethods =
  | 'getSandboxInfo'
  | 'openExternal'
  | 'getSettings'
  | 'updateSettings'
  | 'listHistory'
  | 'clearHistory'
  | 'explainOutcome'
  | 'checkForm'
  | 'getHostInfo';

export interface AppHandlerDeps {
  readonly sandboxUrl: () => Promise<string>;
  readonly openExternal: (url: string) => Promise<void>;
  readonly settings: SettingsStore;
  readonly history: HistoryStore;
  readonly host: HostInfo;
}

export function appHandlers({
  sandboxUrl,
  openExternal,
  settings,
  history,
  host,
}: AppHandlerDeps): Pick<IpcHandlers, AppMethods> {
  return {
    async getSandboxInfo() {
      return {
        ok: true,
        sandbox: {
          tokenUrl: await sandboxUrl(),
          clientId: SANDBOX_CLIENT_ID,
          clientSecret: SANDBOX_CLIENT_SECRET,
          scenarios: SANDBOX_SCENARIOS.map(({ clientId, description }) => ({ clientId, description })),
        },
      };
    },
    async openExternal({ url }) {
      if (!isAllowedExternalUrl(url)) {
        return ipcFailure('invalid-input', 'Only links to Telstra’s developer portal open from the app.', [
          { field: 'url', message: 'This link is not on the list the app opens.' },
        ]);
      }
      try {
        await openExternal(url);
      } catch {
        // No browser to open it with (no xdg-open, no default browser): the click is answered.
        return ipcFailure(
          'app-error',
          `The system did not open ${url} in a browser. Copy the address into a browser to open it.`,
        );
      }
      return { ok: true };
    },
    getSettings: async () => ({ ok: true, settings: await settings.get() }),
    async updateSettings(change) {
      try {
        return { ok: true, settings: await settings.update(change) };
      } catch (error) {
        return notSaved(error, 'Your preferences were not saved');
      }
    },
    listHistory: async () => ({
      ok: true,
      entries: (await history.list()).map(historyItem),
    }),
    explainOutcome: async ({ outcome }) => ({ ok: true, explanation: EXPLANATIONS[outcome] }),
    checkForm: async (input) => ({ ok: true, findings: preflight(input) }),
    getHostInfo: async () => ({ ok: true, host }),
    async clearHistory() {
      try {
        await history.clear();
      } catch (error) {
        return notSaved(error, 'The history was not cleared');
      }
      return { ok: true };
    },
  };
}
