// Which Chromium the end-to-end tests drive: Playwright's own where one is installed, otherwise
// Debian's. Never downloads one (this machine and CI cannot).
import fs from "node:fs";
import { chromium } from "@playwright/test";

const SYSTEM_CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

export function findChromium(): string | null {
  if (process.env.CHROMIUM_PATH && fs.existsSync(process.env.CHROMIUM_PATH)) return process.env.CHROMIUM_PATH;
  try {
    const own = chromium.executablePath();
    if (own && fs.existsSync(own)) return own;
  } catch {
    // Playwright has no browser of its own here.
  }
  return SYSTEM_CANDIDATES.find((p) => fs.existsSync(p)) ?? null;
}

export const NO_BROWSER_MESSAGE =
  "No Chromium found for the end-to-end tests. Install Debian's: `apt-get install -y chromium` " +
  "(or set CHROMIUM_PATH to a Chromium binary). Do not run `npx playwright install`: it cannot download here.";
