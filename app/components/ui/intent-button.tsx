import { Form } from "@remix-run/react";

/**
 * One button in its own small form: posts `_intent` and the given hidden fields (which record it
 * acts on). `ariaLabel` names the record for screen readers ("确认 王秀英"), where rows repeat a label.
 */
export function IntentButton(props: { intent: string; fields: Record<string, string>; label: string; ariaLabel: string; busy: boolean; secondary?: boolean }) {
  return (
    <Form method="post">
      <input type="hidden" name="_intent" value={props.intent} />
      {Object.entries(props.fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className={props.secondary ? "secondary" : undefined} aria-label={props.ariaLabel} disabled={props.busy}>
        {props.label}
      </button>
    </Form>
  );
}
