// Stripe's webhook: the raw body and its Stripe-Signature header go to the handler untouched (a
// parsed body could not be verified). A bad signature is 400 with nothing written; every event
// we could read is answered 200 (unmatched ones, and ones whose amount is not their donation's, are
// kept and alarmed), so Stripe stops retrying.
import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveStripeWebhook } from "~/domains/donations/handle-payment-event.server";
import { isAppError } from "~/utils/errors";

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return new Response(null, { status: 405 });
  const rawBody = await request.text();
  try {
    const result = await receiveStripeWebhook(rawBody, request.headers.get("stripe-signature"));
    return Response.json({ received: true, ...result });
  } catch (error) {
    if (isAppError(error) && error.code === "bad_input") return Response.json({ error: "bad signature" }, { status: 400 });
    throw error;
  }
}

export const loader = () => new Response(null, { status: 405, headers: { Allow: "POST" } });
