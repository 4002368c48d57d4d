import type { HeaderList } from '../../app/token-result';

interface Props {
  status: number | null;
  statusText: string | null;
  headers: HeaderList;
  body: string | null;
}

/** Exactly what came back, as text: React escapes it, so a server's HTML is never rendered. */
export function RawResponse({ status, statusText, headers, body }: Props) {
  const lines = [
    status === null ? 'No HTTP answer' : `HTTP ${status}${statusText ? ` ${statusText}` : ''}`,
    ...headers.map(([name, value]) => `${name}: ${value}`),
    '',
    body ?? '(no body)',
  ];
  return (
    <details className="raw">
      <summary>Raw response</summary>
      <pre tabIndex={0}>{lines.join('\n')}</pre>
    </details>
  );
}
