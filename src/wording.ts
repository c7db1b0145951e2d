/**
 * The one place numbers become words in reasons, reports and tables: percentages and byte sizes.
 * Each formatter says its rule; pick by what the reader needs (a rate, a change, a fixed-width column).
 * Dependency-free and pure, so judges and workflow code may use it.
 */

const MINUS = '\u2212';

/** Bytes in binary units (B, KiB, MiB, GiB, TiB): at most two decimals, none from 100 up (`1.5 MiB`, `512 B`). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${Number(value.toFixed(value >= 100 ? 0 : 2))} ${units[unit]}`;
}

/** A share in [0, 1] as a percentage with exactly `digits` decimals, for columns (`12.5%`, `0.0%`). */
export function percentFixed(share: number, digits = 1): string {
  return `${(100 * share).toFixed(digits)}%`;
}

/** A share as a percentage rounded to at most `digits` decimals, trailing zeros dropped (`12.5%`, `100%`). */
export function percentRounded(share: number, digits = 1): string {
  return `${Number((100 * share).toFixed(digits))}%`;
}

/** A share as a percentage rounded half up to one decimal (`12.5%`, `7%`): the charts' labels. */
export function percentTenths(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}

/** A share with as many decimals as it needs: whole from 10% up (unless it has tenths), two below 10% (`31%`, `2.75%`, `0%`). */
export function percentPlain(share: number): string {
  const v = 100 * share;
  const digits = Math.abs(v) >= 10 || v === 0 ? (Number.isInteger(Number(v.toFixed(1))) ? 0 : 1) : 2;
  return `${Number(v.toFixed(digits))}%`;
}

/** A relative change as a signed percentage: `+1.2%`, `−31%`, `0%` (whole from 10%, one decimal from 1%, else two). */
export function percentSigned(change: number): string {
  const v = 100 * change;
  const digits = Math.abs(v) >= 10 ? 0 : Math.abs(v) >= 1 ? 1 : 2;
  const shown = Number(v.toFixed(digits));
  if (shown === 0) return '0%';
  return `${shown > 0 ? '+' : MINUS}${Math.abs(shown)}%`;
}

/** A share as a percentage with as few decimals (1 to 4) as show it honestly: 99.96% is never shown as 100%, nor 0.004% as 0%. */
export function percentHonest(share: number): string {
  for (let digits = 1; digits <= 4; digits++) {
    const shown = (100 * share).toFixed(digits);
    const misleading = (share !== 1 && Number(shown) === 100) || (share !== 0 && Number(shown) === 0);
    if (!misleading || digits === 4) return `${Number(shown)}%`;
  }
  return `${100 * share}%`;
}

/** A change as a signed percentage with exactly `digits` decimals, for table columns (`+1.25%`, `-0.40%`, `0.00%`). */
export function percentSignedFixed(change: number, digits = 2): string {
  return `${change > 0 ? '+' : ''}${(100 * change).toFixed(digits)}%`;
}

/** A difference of two shares in percentage points, signed, with exactly `digits` decimals, for table columns (`+3.2 pts`). */
export function pointsSignedFixed(difference: number, digits = 1): string {
  return `${difference > 0 ? '+' : ''}${(100 * difference).toFixed(digits)} pts`;
}

/** A change of a share in percentage points, always signed (true minus), one decimal, for table cells (`−3.2 pts`, `+0.0 pts`). */
export function pointsChange(change: number): string {
  return `${change < 0 ? MINUS : '+'}${Math.abs(100 * change).toFixed(1)} pts`;
}

/** Bytes in MiB with one decimal, for a column of memory readings (`512.0 MiB`); `formatBytes` picks the unit instead. */
export function mebibytesFixed(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}

/** A difference of two shares in percentage points, in words, rounded to at most `digits` decimals (`3.2 points`, `1 percentage point`). */
export function pointsInWords(difference: number, digits: number, unit: 'point' | 'percentage point'): string {
  const value = Number((100 * difference).toFixed(digits));
  return `${value} ${unit}${Math.abs(value) === 1 ? '' : 's'}`;
}
