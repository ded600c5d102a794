import { type JobDefinition } from './define'
import { purgeExpiredSessions } from './purge-expired-sessions'

/** Every job the worker runs (each keeps its own payload type; the list only needs the shape). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const jobs: JobDefinition<any>[] = [purgeExpiredSessions]
