// A confirmation to show on the page a save leads to ("Cohort saved." on the cohort list),
// and only there: it disappears once the user moves on.
export const flash = $state<{ message: string; path: string }>({ message: '', path: '' });

export function showFlash(message: string, path: string): void {
  flash.message = message;
  flash.path = path;
}

export function clearFlash(): void {
  flash.message = '';
  flash.path = '';
}
