import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'antd/dist/reset.css';
import './i18n';
import { App } from './App';

// After a new version is deployed, an open tab still asks for the old build's page chunks, which are
// gone: reload once to get the new build instead of showing an error (at most once a minute).
window.addEventListener('vite:preloadError', (event) => {
  const last = Number(sessionStorage.getItem('bangfu.reloadedAt') ?? 0);
  if (Date.now() - last < 60_000) return;
  event.preventDefault();
  sessionStorage.setItem('bangfu.reloadedAt', String(Date.now()));
  window.location.reload();
});

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
