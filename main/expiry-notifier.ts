// The optional desktop notification five minutes before the newest token expires.
import { WARNING_SECONDS } from '../app/countdown';

export interface Notice {
  readonly title: string;
  readonly body: string;
}

export interface ExpiryNotifierOptions {
  readonly notify: (notice: Notice) => void;
  readonly enabled: () => Promise<boolean>;
  readonly now?: () => number;
}

export function createExpiryNotifier({ notify, enabled, now = Date.now }: ExpiryNotifierOptions) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    /** Only the newest token matters: a new one replaces any pending notice. */
    async tokenReceived(expiresAt: number | null, where: string): Promise<void> {
      clearTimeout(timer);
      timer = undefined;
      if (expiresAt === null || !(await enabled())) return;
      const at = expiresAt - WARNING_SECONDS * 1000;
      if (at <= now()) return;
      timer = setTimeout(() => {
        timer = undefined;
        notify({
          title: 'Token expires in 5 minutes',
          body: `The token from ${where} expires soon. Request a new one when you need it.`,
        });
      }, at - now());
    },
    dispose() {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
