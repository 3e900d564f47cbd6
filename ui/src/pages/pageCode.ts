// Each page's code, fetched once and kept: later visits get the same promise, already settled.
import type { AnyPage, PageLoader } from './routes';

const fetched = new Map<PageLoader, Promise<AnyPage>>();

/** The page's component, fetching its code the first time it is asked for. A failed fetch (the
 * app updated under an open window) is forgotten, so the next visit tries again. */
export function pageCode(loader: PageLoader): Promise<AnyPage> {
  let code = fetched.get(loader);
  if (!code) {
    code = loader().then(
      (module) => module.default,
      (error: unknown) => {
        fetched.delete(loader);
        throw error;
      },
    );
    fetched.set(loader, code);
  }
  return code;
}
