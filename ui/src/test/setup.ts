import '@testing-library/jest-dom/vitest';
import { configure } from '@testing-library/svelte';

// A page's code is fetched the first time it is shown (pages/pageCode.ts). On a loaded
// two-core CI machine that first fetch has outlasted findBy's default 1 s, so the tests
// wait as long as a person might before calling a screen missing.
configure({ asyncUtilTimeout: 5000 });
