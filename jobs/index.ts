import { type JobDefinition } from './define'
import { purgeExpiredSessions } from './purge-expired-sessions'

/** Every job the worker runs. */
export const jobs: JobDefinition[] = [purgeExpiredSessions]
