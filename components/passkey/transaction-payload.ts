/**
 * How the confirmation page shows a transaction payload: always as text (React escapes it; it is
 * never interpreted as HTML). A payload that is a JSON object or array is pretty-printed for
 * reading; the exact signed text stays available next to it.
 */
export type TPayloadView = { kind: 'json' | 'text'; text: string };

export function formatPayload(payload: string): TPayloadView {
  const trimmed = payload.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return { kind: 'json', text: JSON.stringify(JSON.parse(trimmed), null, 2) };
    } catch {
      // Not JSON after all: shown as the text it is.
    }
  }
  return { kind: 'text', text: payload };
}
