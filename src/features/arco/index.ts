/** The ARCO feature's public API for other features (the today page, the job list). */
export { arcoDeadlineAlerts, queueArcoDeadlineMails } from './queue.server';
export { RIGHT_LABELS } from './labels';
