// The nonce of the page being rendered on the server (app/entry.server.tsx), for the components
// that write inline scripts (app/root.tsx). In the browser there is none, and none is needed.
import { createContext, useContext } from "react";

export const NonceContext = createContext<string | undefined>(undefined);

export const useNonce = () => useContext(NonceContext);
