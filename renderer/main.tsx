import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { BridgeProvider, readPreloadApi } from './bridge';
import './styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('The page has no #root element.');

createRoot(container).render(
  <StrictMode>
    <BridgeProvider api={readPreloadApi()}>
      <App />
    </BridgeProvider>
  </StrictMode>,
);
