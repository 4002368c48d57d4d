import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { menuTemplate } from '../../main/menu';

const roles = (items: MenuItemConstructorOptions[]): string[] =>
  items.flatMap((item) => [
    ...(item.role ? [item.role] : []),
    ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
  ]);
const submenu = (items: MenuItemConstructorOptions[], label: string) =>
  items.find((item) => item.label === label || item.role === label)?.submenu as MenuItemConstructorOptions[];

describe('the application menu', () => {
  it.each([true, false])('has an Edit menu with the standard editing roles (mac: %s)', (isMac) => {
    const edit = submenu(
      menuTemplate({ appName: 'Telstra Token Tester', isMac, openDeveloperPortal: vi.fn() }),
      'Edit',
    );
    expect(roles(edit)).toEqual(
      expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'delete', 'selectAll']),
    );
  });

  it('offers About on every platform: in the app menu on macOS, under Help elsewhere', () => {
    const mac = menuTemplate({ appName: 'Telstra Token Tester', isMac: true, openDeveloperPortal: vi.fn() });
    expect(roles(submenu(mac, 'Telstra Token Tester'))).toContain('about');
    const other = menuTemplate({
      appName: 'Telstra Token Tester',
      isMac: false,
      openDeveloperPortal: vi.fn(),
    });
    expect(roles(submenu(other, 'help'))).toContain('about');
    expect(roles(submenu(other, 'File'))).toContain('quit');
  });

  it('has no reload or developer tools, and Help opens the portal through the given opener', () => {
    const open = vi.fn();
    const template = menuTemplate({ appName: 'x', isMac: false, openDeveloperPortal: open });
    expect(roles(template)).not.toEqual(expect.arrayContaining(['reload', 'forceReload', 'toggleDevTools']));
    const portal = submenu(template, 'help').find((item) => item.label === 'Telstra Developer Portal');
    (portal?.click as () => void)();
    expect(open).toHaveBeenCalledTimes(1);
  });
});
