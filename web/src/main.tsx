import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { SessionProvider } from './auth/SessionContext';
import { ApiProvider } from './shared/ApiContext';
import { Http } from './shared/http';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ApiProvider http={new Http()}>
      <SessionProvider>
        <App />
      </SessionProvider>
    </ApiProvider>
  </StrictMode>,
);
