// A one-time link (to sign up, or to choose a new password) to send someone. A browser was served
// the app by the programme server, so its own address starts the link. The desktop app has no
// such address: faculty put the server's in front of the path.
import { inDesktopApp } from '$lib/api';

export type OneTimeLink = { link: string; desktop: boolean; path: string };

/** The link for an app path such as "/join/<token>" or "/reset/<token>". */
export function oneTimeLink(appPath: string): OneTimeLink {
  const path = `/#${appPath}`;
  const desktop = inDesktopApp();
  return { path, desktop, link: desktop ? path : `${window.location.origin}${path}` };
}
