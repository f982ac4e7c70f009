import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// The base styles first: feature stylesheets, imported by the features App pulls in, come
// after them in the bundle and so refine them (a tie in specificity goes to the later rule).
import './styles/index.css';
import { App } from './App.js';

const container = document.getElementById('root');
if (!container) throw new Error('Seatwise: the page has no #root element.');
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
