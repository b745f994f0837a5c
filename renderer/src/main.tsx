// Renderer entry: styles, translations, then the app, or only the P1 alert in the desktop app's alert window
// (?view=alert).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n';
import './styles/theme.css';
import './styles/layout.css';
import './styles/queue.css';
import './styles/detail.css';
import './styles/dialog.css';
import './styles/sla.css';
import './styles/alerts.css';
import { AlertView } from './components/AlertView';
import { App } from './components/App';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    {new URLSearchParams(location.search).get('view') === 'alert' ? <AlertView /> : <App />}
  </StrictMode>,
);
