import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { i18n } from '../i18n/i18n';
import { BackofficeApi, apiBase } from './api';
import { App } from './App';
import './backoffice.css';

const api = new BackofficeApi(apiBase(window.location.pathname));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <App api={api} />
    </I18nextProvider>
  </StrictMode>,
);
