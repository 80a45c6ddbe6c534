/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ["**/.*", "**/*.test.{ts,tsx}"],
  serverModuleFormat: "esm",
  // Keep server-only packages out of the browser bundle and out of the server bundle
  // (they are native or big, and Node resolves them at run time).
  serverDependenciesToBundle: [],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: true,
    // v3_routeConfig is a Vite-plugin feature: the classic compiler refuses it (invariant in readConfig).
    // Routes stay file-based under app/routes; see docs/decisions/0003-remix-and-lucia-behind-seams.md.
    v3_routeConfig: false,
  },
};
