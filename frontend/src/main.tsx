import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { env } from './config/env';
import { loadShop } from './lib/shop';
import './styles/base.css';

// The shop's name, currency and locale first (one small request), so that no price is drawn in the wrong money.
void loadShop(env.apiUrl).then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
