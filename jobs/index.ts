import { type JobDefinition } from './define'
import { expireInvitations } from './expire-invitations'
import { markEndedSessions } from './mark-ended-sessions'
import { purgeExpiredSessions } from './purge-expired-sessions'

/** Every job the worker runs (each keeps its own payload type; the list only needs the shape). */
export const jobs: JobDefinition<any>[] = [purgeExpiredSessions, markEndedSessions, expireInvitations]
