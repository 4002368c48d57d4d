import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { BridgeProvider, readPreloadApi } from './bridge';
import './styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('The page has no #root element.');

function Root() {
  let api;
  try {
    api = readPreloadApi();
  } catch (error) {
    return (
      <main className="fatal" role="alert">
        <h1>Telstra Token Tester could not start</h1>
        <p>
          {error instanceof Error ? error.message : 'The app’s connection to its main process is missing.'}
        </p>
      </main>
    );
  }
  return (
    <BridgeProvider api={api}>
      <App />
    </BridgeProvider>
  );
}

createRoot(container).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
