// Every string a user reads lives in these files; zh-CN is the source, en must have every key.
// Each area keeps its own file (common, accounts, orgs, places…) so work on one area never
// touches another's strings.
import { common as zhCommon } from "./zh-CN/common";
import { accounts as zhAccounts } from "./zh-CN/accounts";
import { orgs as zhOrgs } from "./zh-CN/orgs";
import { places as zhPlaces } from "./zh-CN/places";
import { needs as zhNeeds } from "./zh-CN/needs";
import { deliberations as zhDeliberations } from "./zh-CN/deliberations";
import { donations as zhDonations } from "./zh-CN/donations";
import { funds as zhFunds } from "./zh-CN/funds";
import { marketplace as zhMarketplace } from "./zh-CN/marketplace";
import { proposals as zhProposals } from "./zh-CN/proposals";
import { dashboards as zhDashboards } from "./zh-CN/dashboards";
import { timeline as zhTimeline } from "./zh-CN/timeline";
import { reminders as zhReminders } from "./zh-CN/reminders";
import { reputation as zhReputation } from "./zh-CN/reputation";
import { delivery as zhDelivery } from "./zh-CN/delivery";
import { common as enCommon } from "./en/common";
import { accounts as enAccounts } from "./en/accounts";
import { orgs as enOrgs } from "./en/orgs";
import { places as enPlaces } from "./en/places";
import { needs as enNeeds } from "./en/needs";
import { deliberations as enDeliberations } from "./en/deliberations";
import { donations as enDonations } from "./en/donations";
import { funds as enFunds } from "./en/funds";
import { marketplace as enMarketplace } from "./en/marketplace";
import { proposals as enProposals } from "./en/proposals";
import { dashboards as enDashboards } from "./en/dashboards";
import { timeline as enTimeline } from "./en/timeline";
import { reminders as enReminders } from "./en/reminders";
import { reputation as enReputation } from "./en/reputation";
import { delivery as enDelivery } from "./en/delivery";

const zhCN = { ...zhCommon, ...zhAccounts, ...zhOrgs, ...zhPlaces, ...zhNeeds, ...zhDeliberations, ...zhDonations, ...zhFunds, ...zhMarketplace, ...zhProposals, ...zhTimeline, ...zhReminders, ...zhReputation, ...zhDelivery, ...zhDashboards };
export type MessageKey = keyof typeof zhCN;
const en: Record<MessageKey, string> = { ...enCommon, ...enAccounts, ...enOrgs, ...enPlaces, ...enNeeds, ...enDeliberations, ...enDonations, ...enFunds, ...enMarketplace, ...enProposals, ...enTimeline, ...enReminders, ...enReputation, ...enDelivery, ...enDashboards };

export const LOCALES = ["zh-CN", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "zh-CN";

const dictionaries: Record<Locale, Record<MessageKey, string>> = { "zh-CN": zhCN, en };

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

export function isMessageKey(value: unknown): value is MessageKey {
  return typeof value === "string" && Object.hasOwn(zhCN, value);
}

export type Params = Record<string, string | number>;

/** Looks a key up; a value that is not a key (already a sentence) is returned as it is. */
export function translate(locale: Locale, key: MessageKey | string, params?: Params): string {
  const template = isMessageKey(key) ? dictionaries[locale][key] : key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}
