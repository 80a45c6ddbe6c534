import { describe, expect, it } from "vitest";
import { safeRedirect } from "~/utils/safe-redirect";

// Known ways to turn "a path on this site" into "another site" in a browser's eyes: browsers drop
// tabs and newlines from URLs, read a backslash as a slash, and take `//host` as a new host.
const bypasses = [
  "//evil.example",
  "/./%2F/evil.example",
  "/a/..//evil.example",
  "///evil.example",
  "/\\evil.example",
  "\\/evil.example",
  "\\\\evil.example",
  "/\t/evil.example",
  "/\n/evil.example",
  "/\r\n/evil.example",
  "/\r/evil.example",
  "\t//evil.example",
  "/\u0000/evil.example",
  "/\u007f/evil.example",
  "/%2F/evil.example",
  "/%2f/evil.example",
  "%2F%2Fevil.example",
  "/%5C/evil.example",
  "/%5cevil.example",
  "/%09/evil.example",
  "/%0D%0A/evil.example",
  "/%252F/evil.example",
  "/..//evil.example",
  "/.//evil.example",
  "/／evil.example",
  "/＼evil.example",
  "／／evil.example",
  "/\u2215evil.example",
  "https://evil.example",
  "http:evil.example",
  "//evil.example/%2F..",
  "javascript:alert(1)",
  "JavaScript:alert(1)",
  "/\u0085/evil.example",
  "data:text/html,<script>alert(1)</script>",
  " /account",
  " //evil.example",
  "evil.example",
  "",
];

describe("a redirect after login or a language switch stays on this site", () => {
  it.each(bypasses.map((to) => [JSON.stringify(to), to]))("sends a visitor who asks for %s to the fallback instead", (_, to) => {
    expect(safeRedirect(to, "/account")).toBe("/account");
  });

  it("refuses what is not text at all", () => {
    expect(safeRedirect(null)).toBe("/");
    expect(safeRedirect(undefined)).toBe("/");
    expect(safeRedirect(new File(["x"], "x.txt"))).toBe("/");
  });

  it("keeps an ordinary path on this site, with its query and fragment", () => {
    for (const to of ["/", "/needs", "/needs?q=%E8%B7%AF%E7%81%AF&page=2", "/needs/abc#photos", "/donate/f1?campaign=c1", "/needs?q=a%2Fb"]) {
      expect(safeRedirect(to, "/account")).toBe(to);
    }
  });

  it("gives a path typed in Chinese back percent-encoded, as a Location header must be", () => {
    expect(safeRedirect("/needs?q=路灯")).toBe("/needs?q=%E8%B7%AF%E7%81%AF");
  });
});
