/** The cases feature's public API for other features (the rest is internal). */
export * from './labels';
export {
  OFICIO_NEAR_DAYS,
  type TodayFollowUp,
  logsAwaitingSignature,
  myDraftSavedAt,
  myDueFollowUps,
  oficiosNearDeadline,
  overdueFollowUpsByOperator,
} from './today.server';
export { SHIFT_LABELS, type Shift, dailyLogIsOpen, shiftWindow } from './bitacora.server';
export { type HeldCase, anonymizeCasesForArco, findCasesHeldFor, rectifyCaseContact } from './arco.server';
