import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "@seed/demo-accounts";
import { useT } from "~/utils/i18n";
import { isProduction } from "~/utils/env.server";

export const meta: MetaFunction = () => [
  { title: "三社联动平台" },
  { name: "description", content: "社区、社会组织、社会工作者携手服务居民" },
];

export async function loader({ context }: LoaderFunctionArgs) {
  // The demo logins are shown only outside production, to whoever has not signed in.
  const demo = !isProduction() && !context.user ? { accounts: DEMO_ACCOUNTS, password: DEMO_PASSWORD } : null;
  return { demo };
}

export default function Index() {
  const t = useT();
  const { demo } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("home.welcome")}</h1>
      <p>{t("home.intro")}</p>
      <p>
        <Link to="/orgs">{t("nav.orgs")}</Link>
      </p>
      {demo ? (
        <section className="card" aria-labelledby="demo-logins">
          <h2 id="demo-logins">{t("home.demoLogins")}</h2>
          <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="demo-logins">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("home.demoRole")}</th>
                  <th scope="col">{t("home.demoName")}</th>
                  <th scope="col">{t("home.demoLogin")}</th>
                </tr>
              </thead>
              <tbody>
                {demo.accounts.map((a) => (
                  <tr key={a.login}>
                    <td>{a.role}</td>
                    <td>{a.name}</td>
                    <td>
                      <code>{a.login}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="muted">
            {t("accounts.password")}: <code>{demo.password}</code>
          </p>
        </section>
      ) : null}
    </>
  );
}
