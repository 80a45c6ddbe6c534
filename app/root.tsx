import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { unreadCount } from "~/domains/notifications/queries.server";
import { isCommunityStaff } from "~/utils/permissions.server";
import { getActor } from "~/utils/request.server";
import { DEFAULT_LOCALE, translate, type Locale } from "~/locales";
import { useT } from "~/utils/i18n";
import { useNonce } from "~/utils/nonce";
import styles from "~/styles/app.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "三社联动平台" }];

export async function loader({ context }: LoaderFunctionArgs) {
  const user = context.user;
  const [unread, actor] = user ? await Promise.all([unreadCount(user.id), getActor(context)]) : [0, null];
  return {
    locale: context.locale,
    user: user ? { displayName: user.displayName, isPlatformAdmin: user.isPlatformAdmin, isCommunityStaff: isCommunityStaff(actor) } : null,
    unread,
  };
}

type RootData = Awaited<ReturnType<typeof loader>>;

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<RootData>("root");
  const locale: Locale = data?.locale ?? DEFAULT_LOCALE;
  const nonce = useNonce();
  return (
    <html lang={locale === "zh-CN" ? "zh-CN" : "en"}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          {translate(locale, "nav.skip")}
        </a>
        <Header data={data} locale={locale} />
        <main id="main">{children}</main>
        <footer className="site-footer">{translate(locale, "app.tagline")}</footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

function Header({ data, locale }: { data: RootData | undefined; locale: Locale }) {
  const location = useLocation();
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(locale, key, params);
  const user = data?.user;
  return (
    <header className="site-header">
      <div className="bar">
        <Link to="/" className="brand">
          {t("app.name")}
        </Link>
        <nav aria-label={t("nav.home")}>
          <ul>
            <li>
              <Link to="/needs">{t("nav.needs")}</Link>
            </li>
            <li>
              <Link to="/market">{t("nav.market")}</Link>
            </li>
            <li>
              <Link to="/funds">{t("nav.funds")}</Link>
            </li>
            <li>
              <Link to="/orgs">{t("nav.orgs")}</Link>
            </li>
            {user ? (
              <>
                <li>
                  <Link to="/notifications">
                    {t("nav.notifications")}
                    {data && data.unread > 0 ? ` (${data.unread})` : ""}
                  </Link>
                </li>
                {user.isCommunityStaff ? (
                  <li>
                    <Link to="/community">{t("nav.community")}</Link>
                  </li>
                ) : null}

                <li>
                  <Link to="/account">{t("nav.account")}</Link>
                </li>
                {user.isPlatformAdmin ? (
                  <li>
                    <Link to="/admin">{t("nav.admin")}</Link>
                  </li>
                ) : null}
                <li>
                  <Form method="post" action="/logout">
                    <button type="submit" className="link">
                      {t("nav.logout")}
                    </button>
                  </Form>
                </li>
              </>
            ) : (
              <>
                <li>
                  <Link to="/login">{t("nav.login")}</Link>
                </li>
                <li>
                  <Link to="/signup">{t("nav.signup")}</Link>
                </li>
              </>
            )}
            <li>
              <Form method="post" action="/lang">
                <input type="hidden" name="locale" value={locale === "zh-CN" ? "en" : "zh-CN"} />
                <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
                <button type="submit" className="link" lang={locale === "zh-CN" ? "en" : "zh-CN"}>
                  {t("lang.switch")}
                </button>
              </Form>
            </li>
          </ul>
        </nav>
      </div>
    </header>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const payload = isRouteErrorResponse(error) ? (error.data as { message?: string; params?: Record<string, string> } | string) : null;
  const message =
    payload && typeof payload === "object" && payload.message
      ? t(payload.message, payload.params)
      : status === 404
        ? t("errors.notFound")
        : status === 403
          ? t("errors.forbidden")
          : t("errors.internal");
  return (
    <div className="card">
      <h1>
        {status === 404 ? t("errors.notFound") : t("errors.title")} <span className="muted">({status})</span>
      </h1>
      <p>{message}</p>
      {status === 404 ? <p className="muted">{t("errors.notFoundHint")}</p> : null}
      <p>
        <Link to="/">{t("errors.backHome")}</Link>
      </p>
    </div>
  );
}
