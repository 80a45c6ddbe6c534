import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { describe, expect, it } from "vitest";
import { ProjectTimeline } from "~/components/projects/ProjectTimeline";
import type { TimelineStepView } from "~/domains/projects/timeline";

/** The timeline as the page renders it on the server, in a reader's language (the root loader's). */
async function render(steps: TimelineStepView[], locale: "zh-CN" | "en") {
  const routes = [{ id: "root", path: "/", loader: () => ({ locale }), element: createElement(ProjectTimeline, { steps }) }];
  const handler = createStaticHandler(routes);
  const context = await handler.query(new Request("http://localhost/"));
  if (context instanceof Response) throw new Error("unexpected redirect");
  return renderToString(createElement(StaticRouterProvider, { router: createStaticRouter(handler.dataRoutes, context), context, hydrate: false }));
}

const steps: TimelineStepView[] = [
  { at: "2027-03-01T02:00:00.000Z", kind: "need_raised", title: "timeline.needRaised", detail: null, params: {}, href: null },
  { at: "2027-03-15T02:30:00.000Z", kind: "payment_released", title: "timeline.paymentReleased", detail: "timeline.ledgerEntry", params: { milestone: "第1阶段", position: 1, amount: "¥3,000.00", seq: 7 }, href: "/funds/f1/ledger#entry-7" },
];

describe("the project timeline on the page", () => {
  it("reads as an ordered list of dated steps in Beijing time, linked where there is a public page", async () => {
    const html = await render(steps, "zh-CN");
    expect(html).toContain("<ol");
    expect(html).toContain('<time dateTime="2027-03-01T02:00:00.000Z"');
    expect(html).toContain("2027/03/15 10:30");
    expect(html).toContain("居民提出需求");
    expect(html).toMatch(/<a [^>]*href="\/funds\/f1\/ledger#entry-7"[^>]*>里程碑 1「第1阶段」：从基金拨付 ¥3,000.00<\/a>/);
    expect(html).toContain("公开账目第 7 笔");
  });

  it("speaks English to an English reader and says when nothing has happened yet", async () => {
    expect(await render(steps, "en")).toContain("Public ledger entry 7");
    expect(await render([], "en")).toContain("Nothing recorded yet");
  });
});
