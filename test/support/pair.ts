// What browser mode's page does with the address it was opened at: trades the address's
// single-use pairing code for the capability its API calls carry.
import { PAIRING_HEADER } from '../../main/browser/access';

export async function pairedCapability(address: string): Promise<string> {
  const url = new URL(address);
  const answer = await fetch(`${url.origin}/api/pair`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', [PAIRING_HEADER]: url.hash.replace(/^#pair=/, '') },
    body: '{}',
  });
  if (!answer.ok) throw new Error(`pairing refused (${answer.status})`);
  return ((await answer.json()) as { capability: string }).capability;
}
