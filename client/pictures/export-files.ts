/**
 * Markdown and JSON exports fetched with the link's token in the Authorization header (the
 * token never goes into a URL) and saved as downloads.
 */
import { fileSlug, saveBlob } from './download.ts';

export type ExportFormat = 'md' | 'json';

/** The file name the server gave in Content-Disposition, if any. */
export function dispositionFileName(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // Fall back to the plain filename.
    }
  }
  const plain = /filename\s*=\s*"([^"]+)"|filename\s*=\s*([^;\s]+)/.exec(header);
  return plain?.[1] ?? plain?.[2] ?? null;
}

/** Why an export failed, in words. */
export class ExportError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = 'ExportError';
  }
}

/** GET /api/postmortems/:id/export.<format>, saved as a file. */
export async function downloadExport(id: string, token: string, format: ExportFormat, title: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(`/api/postmortems/${encodeURIComponent(id)}/export.${format}`, {
      headers: { Authorization: `Bearer ${token}` },
      cache: 'no-store',
    });
  } catch {
    throw new ExportError(0, 'The server could not be reached. Check your connection and try again.');
  }
  if (response.status === 404) throw new ExportError(404, 'This server does not offer exports yet.');
  if (!response.ok) throw new ExportError(response.status, `The export failed (status ${response.status}).`);
  const blob = await response.blob();
  const name = dispositionFileName(response.headers.get('Content-Disposition')) ?? `${fileSlug(title)}.${format}`;
  saveBlob(blob, name);
}
