import { setSignedOut } from '../auth/hooks/useSession';
import { ApiClient } from './api-client';

/** The one client the app uses; any 401 sends the owner back to the login screen. */
export const api = new ApiClient({ onUnauthorized: setSignedOut });
