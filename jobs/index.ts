// The jobs' face towards the composition root (src/main.ts) and the CLI.
export { startScheduler, createRuntime, runJob, JOB_NAMES } from './scheduler.js';
export type { JobName, JobStatus, Scheduler, SchedulerDeps } from './scheduler.js';
export type { JobRun, JobStore, RunOptions } from './context.js';
