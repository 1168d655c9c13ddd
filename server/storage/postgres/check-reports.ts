/** The latest blameless-checks report of each document. */
import type { StoredCheckReport } from '../store.ts';
import type { Database } from './database.ts';

export async function getCheckReport(db: Database, id: string): Promise<StoredCheckReport | null> {
  const { rows } = await db.query<{ report: StoredCheckReport }>('SELECT report FROM check_reports WHERE doc_id = $1', [id]);
  return rows[0]?.report ?? null;
}

/** Reports can finish out of order (and in several processes): an older revision never replaces a newer one. */
export async function saveCheckReport(db: Database, id: string, report: StoredCheckReport): Promise<void> {
  await db.query(
    `INSERT INTO check_reports (doc_id, revision, report) VALUES ($1, $2, $3)
     ON CONFLICT (doc_id) DO UPDATE SET revision = EXCLUDED.revision, report = EXCLUDED.report
     WHERE check_reports.revision <= EXCLUDED.revision`,
    [id, report.revision, JSON.stringify(report)],
  );
}
