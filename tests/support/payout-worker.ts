/**
 * The job worker as its own process, for the crash test: DATABASE_URL and STRIPE_EMULATOR_PORT
 * come from the parent. It runs queue maintenance every second, so jobs a killed worker left
 * active are taken back as soon as their (shortened) expiry passes.
 */
import { startWorker } from '../../jobs/worker'

await startWorker(() => {}, { maintenanceIntervalSeconds: 1 })
process.stdout.write('worker ready\n')
