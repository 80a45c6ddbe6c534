/**
 * Only same-site paths: never let a link or a login form bounce the user to another site. Safe in
 * the browser too.
 *
 * Browsers forgive a lot in a URL: they drop tabs and newlines, read `\` as `/`, and take `//host`
 * as another site. So a target is kept only when it is a path that begins with one `/` followed by
 * something other than `/` or `\`, holds no control character, backslash or look-alike slash, still
 * reads so with its path percent-decoded (for whoever decodes it once more), and resolves to this
 * site's origin with a path that does not begin with `//`. Anything else gives the fallback. What
 * is kept comes back as the parser wrote it (percent-encoded), fit for a Location header.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  return (typeof to === "string" && sameSitePath(to)) || fallback;
}

const BASE = "http://x.invalid";
// Control characters (C0, DEL, C1), backslashes, and slashes from other scripts that a URL parser
// or a person might read as `/`: fullwidth ／ and ＼, division slash ∕, fraction slash ⁄, big solidus ⧸.
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\\\uff0f\uff3c\u2215\u2044\u29f8]/;

function sameSitePath(to: string, pass = 0): string | null {
  if (!readsAsPath(to)) return null;
  // The path is decoded (to a fixed point, a few times at most) and must read as a path at each step.
  let path = to.split(/[?#]/, 1)[0];
  for (let i = 0; i < 3; i++) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      return null;
    }
    if (decoded === path) break;
    if (!readsAsPath(decoded)) return null;
    path = decoded;
  }
  try {
    const url = new URL(to, BASE);
    if (url.origin !== BASE || url.pathname.startsWith("//")) return null;
    // What the parser wrote must pass too: it resolves dot segments, so /./%2F/x becomes /%2F/x.
    const out = url.pathname + url.search + url.hash;
    return out === to ? out : pass < 2 ? sameSitePath(out, pass + 1) : null;
  } catch {
    return null;
  }
}

const readsAsPath = (s: string) => s.startsWith("/") && s[1] !== "/" && !FORBIDDEN.test(s);
