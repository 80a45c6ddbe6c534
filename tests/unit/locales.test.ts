import { describe, expect, it } from "vitest";
import { isMessageKey, translate } from "~/locales";
import * as zhCommon from "~/locales/zh-CN/common";
import * as zhAccounts from "~/locales/zh-CN/accounts";
import * as zhOrgs from "~/locales/zh-CN/orgs";
import * as zhPlaces from "~/locales/zh-CN/places";
import * as zhNeeds from "~/locales/zh-CN/needs";
import * as zhDeliberations from "~/locales/zh-CN/deliberations";
import * as zhDonations from "~/locales/zh-CN/donations";
import * as zhFunds from "~/locales/zh-CN/funds";
import * as zhMarketplace from "~/locales/zh-CN/marketplace";
import * as zhProposals from "~/locales/zh-CN/proposals";
import * as zhDashboards from "~/locales/zh-CN/dashboards";
import * as zhTimeline from "~/locales/zh-CN/timeline";
import * as zhReminders from "~/locales/zh-CN/reminders";
import * as zhReputation from "~/locales/zh-CN/reputation";
import * as zhDelivery from "~/locales/zh-CN/delivery";

const zh: Record<string, string> = Object.assign({}, ...[zhCommon, zhAccounts, zhOrgs, zhPlaces, zhNeeds, zhDeliberations, zhDonations, zhFunds, zhMarketplace, zhProposals, zhTimeline, zhReminders, zhReputation, zhDelivery, zhDashboards].flatMap((m) => Object.values(m)));
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("locales", () => {
  it("has an English sentence for every Chinese one, with the same placeholders", () => {
    for (const [key, chinese] of Object.entries(zh)) {
      const english = translate("en", key);
      expect(english, key).not.toBe("");
      expect(placeholders(english), key).toEqual(placeholders(chinese));
    }
  });

  it("writes every Chinese sentence in Chinese (no English left untranslated)", () => {
    for (const [key, chinese] of Object.entries(zh)) {
      if (key === "lang.switch") continue; // the switch names the other language
      expect(/[\u4e00-\u9fff]/.test(chinese), `${key}: ${chinese}`).toBe(true);
    }
  });

  it("fills placeholders and passes through text that is not a key", () => {
    expect(translate("zh-CN", "auth.locked", { minutes: 15 })).toBe("登录失败次数过多，请 15 分钟后再试");
    expect(isMessageKey("not.a.key")).toBe(false);
    expect(translate("en", "已经是一句话")).toBe("已经是一句话");
  });
});
