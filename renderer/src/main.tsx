// Renderer entry: styles, translations, then the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n';
import './styles/theme.css';
import './styles/layout.css';
import './styles/queue.css';
import './styles/detail.css';
import './styles/dialog.css';
import './styles/sla.css';
import { App } from './components/App';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
