/** What each role sees of a check report: dismissed findings drop out; facilitators also see them with reasons. */
import type { ChecksResponse, Role } from '../../shared/api/types.ts';
import type { PrivateState, StoredCheckReport } from '../storage/store.ts';

export function visibleReport(report: StoredCheckReport | null, priv: PrivateState, role: Role): ChecksResponse {
  if (!report) return { revision: 0, checkedAt: null, findings: [], ...(role === 'facilitator' ? { dismissed: [] } : {}) };
  const findings = report.findings.filter((f) => !priv.dismissals[f.id]);
  if (role !== 'facilitator') return { revision: report.revision, checkedAt: report.checkedAt, findings };
  const dismissed = report.findings
    .filter((f) => priv.dismissals[f.id])
    .map((f) => ({ ...f, dismissal: { reason: priv.dismissals[f.id]!.reason, at: priv.dismissals[f.id]!.at } }));
  return { revision: report.revision, checkedAt: report.checkedAt, findings, dismissed };
}
