// The body limits the server enforces, against the file limits each upload route states.
import { describe, expect, it } from "vitest";
import { MAX_EVIDENCE_BYTES } from "~/domains/funds/evidence.server";
import { MAX_PHOTO_BYTES, MAX_PHOTOS } from "~/domains/needs/schemas";
import { MAX_ATTACHMENT_BYTES } from "~/domains/proposals/attachments.server";
import { bodyLimitFor, formatBytes, PLAIN_FORM_LIMIT } from "~/utils/body-limit.server";
import { MULTIPART_TEXT_LIMIT } from "~/utils/forms.server";

const multipart = "multipart/form-data; boundary=x";

describe("body limits", () => {
  it("a plain form may send 256 KB on every route, and so may a multipart form on a route that takes no files", () => {
    expect(PLAIN_FORM_LIMIT).toBe(256 * 1024);
    for (const path of ["/login", "/signup", "/proposals/new", "/needs/new", "/funds/f1/verify"]) expect(bodyLimitFor(path, "application/x-www-form-urlencoded")).toBe(PLAIN_FORM_LIMIT);
    for (const path of ["/login", "/account", "/orgs/o1/manage", "/needs/n1"]) expect(bodyLimitFor(path, multipart)).toBe(PLAIN_FORM_LIMIT);
  });

  it("each upload route takes its files at their stated limits plus the text beside them", () => {
    const routes: [string, number][] = [
      ["/needs/new", MAX_PHOTOS * MAX_PHOTO_BYTES],
      ["/community/c1/needs/new", MAX_PHOTOS * MAX_PHOTO_BYTES],
      ["/proposals/p1", MAX_ATTACHMENT_BYTES],
      ["/projects/p1/milestones/m1", MAX_ATTACHMENT_BYTES],
      ["/funds/f1/manage/income", MAX_EVIDENCE_BYTES],
      ["/funds/f1/manage/disburse", MAX_EVIDENCE_BYTES],
      ["/funds/f1/manage/refund", MAX_EVIDENCE_BYTES],
      ["/funds/f1/verify", 50 * 1024 * 1024],
    ];
    for (const [path, files] of routes) {
      expect(bodyLimitFor(path, multipart), path).toBeGreaterThanOrEqual(files + MULTIPART_TEXT_LIMIT);
      // A page's own form, submitted by Remix in the browser, posts to <page>.data.
      expect(bodyLimitFor(`${path}.data`, multipart), `${path}.data`).toBe(bodyLimitFor(path, multipart));
    }
    expect(formatBytes(bodyLimitFor("/needs/new", multipart))).toBe("45.3 MB");
    expect(formatBytes(PLAIN_FORM_LIMIT)).toBe("256 KB");
  });
});
