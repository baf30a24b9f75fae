import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { api } from './modules/api/api';
import { App } from './modules/app/components/App';
import { setSignedIn, setSignedOut } from './modules/auth/hooks/useSession';
import './styles.css';

const root = createRoot(document.getElementById('root')!);

async function start(): Promise<void> {
  const [authenticated, setup] = await Promise.all([
    api.isAuthenticated().catch(() => false),
    api.setup().catch(() => null),
  ]);
  if (authenticated) setSignedIn();
  else setSignedOut();
  root.render(
    <StrictMode>
      <App setup={setup} />
    </StrictMode>,
  );
}

void start();

if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch((error: unknown) => console.warn('Service worker not registered', error));
  });
}
