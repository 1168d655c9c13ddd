/** POST /api/postmortems/import: a Markdown postmortem becomes a new one, with what could not be mapped. */
import { z } from 'zod';
import { MARKDOWN_TYPE, type ImportPostmortemResponse } from '../../shared/api/types.ts';
import { request } from './client.ts';

const importResponse: z.ZodType<ImportPostmortemResponse> = z.object({
  id: z.string(),
  tokens: z.object({ facilitator: z.string(), participant: z.string(), viewer: z.string() }),
  links: z.object({ facilitator: z.string(), participant: z.string(), viewer: z.string() }),
  unmapped: z.array(z.string()),
  warnings: z.array(z.string()),
});

export function importMarkdown(markdown: string): Promise<ImportPostmortemResponse> {
  return request('/api/postmortems/import', importResponse, { method: 'POST', text: { body: markdown, type: MARKDOWN_TYPE } });
}
