/** The HTML report's escaping and small formatting helpers: every piece of text goes through `escapeHtml`. */
import type { TopLevelSpec } from 'vega-lite';
import { renderSvg } from './charts';
import { percentFixed } from '../wording';


/** Escapes text for HTML element content and (double- or single-quoted) attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}
export const esc = escapeHtml;

/** A token safe in a class name or id (other characters become `-`). */
export function token(value: string): string {
  return value.replace(/[^A-Za-z0-9_-]/g, '-');
}

export function pct(x: number | null | undefined, digits = 1): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  return percentFixed(x, digits);
}

export function num(value: unknown): string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return String(value);
    if (Number.isInteger(value)) return String(value);
    return String(Number(value.toPrecision(4)));
  }
  return String(value);
}

export function time(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  return new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}

export function badge(verdict: string): string {
  return `<span class="badge verdict-${esc(token(verdict))}">${esc(verdict.replace(/_/g, ' '))}</span>`;
}

export function list(items: readonly string[], className = 'reasons'): string {
  if (items.length === 0) return '<p class="muted">none</p>';
  return `<ul class="${className}">${items.map((r) => `<li>${esc(r)}</li>`).join('')}</ul>`;
}

export function digest(value: string | null | undefined, missing: string): string {
  return value ? `<code class="digest">${esc(value)}</code>` : `<span class="muted">${esc(missing)}</span>`;
}

export async function chart(id: string, title: string, spec: TopLevelSpec, caption: string): Promise<string> {
  let body: string;
  try {
    body = await renderSvg(spec);
  } catch (err) {
    body = `<p class="warning">chart unavailable: ${esc((err as Error).message)}</p>`;
  }
  return `<figure class="chart" id="${esc(id)}"><figcaption><strong>${esc(title)}</strong> ${esc(caption)}</figcaption><div class="svg">${body}</div></figure>`;
}
