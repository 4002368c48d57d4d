// Electron's clipboard as the app's ClipboardDevice. Copies are written together with the markers
// clipboard managers honour to keep a value out of their history (KDE/Klipper, macOS
// NSPasteboard conventions, Windows clipboard history), where Electron can write them.

/** Electron's raw platform clipboard formats: `electron application/osclipboard;format="…"`. */
const raw = (format: string) => `electron application/osclipboard;format="${format}"`;

// Every marker carries a payload: the conventions say only that the format is present, and an
// empty value is the one case where some platforms may not register the format at all.
export function concealedFormats(platform: string): Record<string, string> {
  switch (platform) {
    case 'linux':
      return { [raw('x-kde-passwordManagerHint')]: 'secret' };
    case 'darwin':
      return { [raw('org.nspasteboard.ConcealedType')]: 'concealed' };
    case 'win32':
      return { [raw('ExcludeClipboardContentFromMonitorProcessing')]: '1' };
    default:
      return {};
  }
}

export interface ElectronClipboardLike {
  write(items: unknown[]): Promise<void>;
  writeText(text: string): Promise<void>;
  readText(): Promise<string>;
  clear(): void;
}

export type ClipboardItemConstructor = new (items: Record<string, string>) => unknown;

export function electronClipboardDevice(
  clipboard: ElectronClipboardLike,
  ClipboardItem: ClipboardItemConstructor,
  platform: string,
) {
  return {
    async writeText(text: string): Promise<void> {
      try {
        await clipboard.write([new ClipboardItem({ 'text/plain': text, ...concealedFormats(platform) })]);
      } catch {
        // A platform that refuses a marker still gets the text.
        await clipboard.writeText(text);
      }
    },
    readText: () => clipboard.readText(),
    clear: async () => clipboard.clear(),
  };
}
