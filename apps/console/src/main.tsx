/**
 * Console entry point: reads the runtime config served by the gateway, then starts the OIDC
 * session and renders the console. Nothing environment-specific is baked into the build.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AuthProvider } from './auth/auth-provider';
import { createUserManager } from './auth/user-manager';
import { loadConsoleConfig } from './config/console-config';
import { ConsoleApp } from './console-app';
import './styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
const root = createRoot(container);

loadConsoleConfig()
  .then((config) => {
    const userManager = createUserManager(config, window.location.origin);
    root.render(
      <StrictMode>
        <AuthProvider userManager={userManager}>
          <ConsoleApp config={config} />
        </AuthProvider>
      </StrictMode>,
    );
  })
  .catch((error: unknown) => {
    root.render(
      <main className="sign-in">
        <h1>Strata console</h1>
        <p className="alert alert-error" role="alert">
          The console could not start: {String(error)}
        </p>
      </main>,
    );
  });
