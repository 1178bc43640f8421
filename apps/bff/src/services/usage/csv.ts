/**
 * RFC 4180 CSV. A cell that a spreadsheet would run as a formula (user-chosen
 * names starting with = + - @, tab or CR) is prefixed with an apostrophe, as
 * OWASP advises against CSV injection; numbers are written as they are.
 */
export type CsvCell = string | number | null;

const FORMULA_START = /^[=+\-@\t\r]/;

function cell(value: CsvCell): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows]
    .map((r) => r.map(cell).join(","))
    .join("\r\n")
    .concat("\r\n");
}

/** Hundredths, as the report keeps them, written without float noise ("0.30", not "0.30000000000000004"). */
export const fixed2 = (n: number): string => n.toFixed(2);
