// A POST that does nothing, behind the same middleware as the Stripe webhook: the yardstick that
// `npm run bench:ledger` measures webhook ingestion against. Absent in production.
import type { ActionFunctionArgs } from "@remix-run/node";
import { isProduction } from "~/utils/env.server";

export async function action({ request }: ActionFunctionArgs) {
  if (isProduction()) return new Response(null, { status: 404 });
  await request.text();
  return Response.json({ received: true });
}

export const loader = () => new Response(null, { status: 404 });
