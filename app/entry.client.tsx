import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { z } from "zod";

// zod probes for eval (new Function) to compile fast parsers; our Content-Security-Policy forbids
// eval, so the probe raises a policy violation on every page. Parse without it in the browser.
z.config({ jitless: true });

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <RemixBrowser />
    </StrictMode>,
  );
});
