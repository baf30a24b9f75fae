import type { SetupInfo } from '../../api/api-types';
import { LoginScreen } from '../../auth/components/LoginScreen';
import { useSession } from '../../auth/hooks/useSession';
import { Shell } from './Shell';

/** Login screen or the signed-in app. */
export function App({ setup }: { setup: SetupInfo | null }) {
  const session = useSession();
  switch (session) {
    case 'checking':
      return <p className="muted center">Loading…</p>;
    case 'signedOut':
      return <LoginScreen setup={setup} />;
    case 'signedIn':
      return <Shell />;
  }
}
