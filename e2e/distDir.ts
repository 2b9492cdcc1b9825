// Where the e2e web server builds the page, shared by playwright.config.ts and the specs that
// serve the build themselves (subpath.spec.ts). LAB_E2E_PORT lets two checkouts or sessions run
// the suite at once without sharing a server; each port gets its own build folder, because a
// concurrent `vite build` empties its folder and a page served from it then fails to load.

export const E2E_PORT = Number(process.env.LAB_E2E_PORT) || 4173;
/** Relative to the repository root (the directory Playwright runs in). */
export const E2E_DIST = `node_modules/.cache/lab-e2e-dist/${E2E_PORT}`;
