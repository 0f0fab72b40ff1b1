/**
 * RFC 4180 CSV, written by hand (a dozen lines; no dependency needed): fields that hold a comma,
 * a double quote, CR or LF are enclosed in double quotes with inner quotes doubled (§2.5–2.7);
 * records end with CRLF (§2.1). Cells that a spreadsheet would run as a formula (starting with
 * = + - @, or a tab or CR that some spreadsheets skip first) are prefixed with a single quote
 * (OWASP "CSV Injection"): audit values such as user agents and usernames are attacker-chosen.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: unknown): string {
  let s = value === null || value === undefined ? '' : typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRecord(values: readonly unknown[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
