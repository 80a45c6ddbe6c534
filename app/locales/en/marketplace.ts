import type { marketplace as zh } from "../zh-CN/marketplace";

export const marketplace: Record<keyof typeof zh, string> = {
  "marketplace.unmetProviderKind": "Only social organisations, social-work agencies and community foundations can send proposals",
  "marketplace.unmetVerified": "This service need accepts verified organisations only",
  "marketplace.unmetCertifiedWorkers": "Fewer certified social workers than this service need requires",
  "marketplace.unmetServiceArea": "The organisation's service areas do not include the area this service need requires",
  "marketplace.unmetReputation": "This service need asks for a reputation score, and no organisation has one on the platform yet",
};
