/** Exceptions a manager resolves, and the audit trail (issue 10). */
export { actOnException, adjustmentEventId, type ActReason } from './act';
export { ADJUST_PROGRAM_ID, optionsFor } from './options';
export {
  auditTrail,
  exceptionDetail,
  listExceptions,
  type AuditQuery,
  type ExceptionsQuery,
} from './queries';
