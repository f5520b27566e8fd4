/** Variable names whose whole value is a secret. */
const SECRET_NAME = /KEY|SECRET|TOKEN|PASSWORD|CREDENTIAL/;
/** Keys inside a JSON value whose value is a secret (e.g. the apiKey of OPENAI_COMPATIBLE_PROVIDERS). */
const SECRET_JSON_KEY = /key|secret|token|password|authorization|credential|cookie/i;
/** Query parameters that carry a secret in a URL (libpq and most drivers accept password=…). */
const SECRET_QUERY_PARAM = /([?&](?:password|passwd|pass|secret|token|api[-_]?key|key)=)[^&#]*/gi;
const MAX_SHOWN = 200;

function redactJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactJson);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [
        key,
        SECRET_JSON_KEY.test(key) ? '***' : redactJson(inner),
      ]),
    );
  }
  return value;
}

/** Masks the password of `scheme://user:password@host` and secret query parameters. */
function redactUrlish(text: string): string {
  return text
    .replace(/(\/\/[^/?#@\s:]*:)[^/?#\s]*@/g, '$1***@')
    .replace(SECRET_QUERY_PARAM, '$1***');
}

/**
 * How an invalid value is shown in a configuration error: enough to find the mistake, never a
 * secret. Secret-named variables are masked whole; JSON has its secret-looking keys masked (and
 * is not shown at all when it does not parse, since it may hold keys); URLs lose their passwords.
 */
export function showValue(variable: string, raw: string | undefined): string {
  if (raw === undefined) return 'unset';
  if (SECRET_NAME.test(variable)) return '"***"';
  let shown: string;
  if (/^\s*[[{]/.test(raw)) {
    try {
      shown = JSON.stringify(redactJson(JSON.parse(raw)));
    } catch {
      return 'JSON not shown: it may hold secrets';
    }
  } else {
    shown = JSON.stringify(redactUrlish(raw));
  }
  return shown.length > MAX_SHOWN ? `${shown.slice(0, MAX_SHOWN)}…` : shown;
}
