import { type JobDefinition } from './define'
import { drainOutbox } from './drain-outbox'
import { expireInvitations } from './expire-invitations'
import { markEndedSessions } from './mark-ended-sessions'
import { purgeExpiredSessions } from './purge-expired-sessions'
import { confirmReminders } from './send-confirm-reminders'
import { sendEmail } from './send-email'
import { lapsedAlerts } from './send-lapsed-alerts'
import { scheduleReminders } from './send-schedule-reminders'
import { sessionReminders } from './send-session-reminders'
import { expireBundlesJob } from './expire-bundles'
import { notifyPayoutReleasedJob } from './notify-payout-released'
import { releasePayoutJob } from './release-payout'
import { requeueStrandedPayoutsJob } from './requeue-stranded-payouts'
import { runAssignmentJob } from './run-assignment'
import { sendAnnouncementJob } from './send-announcement'

/** Every job the worker runs (each keeps its own payload type; the list only needs the shape). */
export const jobs: JobDefinition<any>[] = [purgeExpiredSessions, markEndedSessions, expireInvitations, sendEmail, drainOutbox, sessionReminders, confirmReminders, scheduleReminders, lapsedAlerts, releasePayoutJob, notifyPayoutReleasedJob, requeueStrandedPayoutsJob, expireBundlesJob, runAssignmentJob, sendAnnouncementJob]
