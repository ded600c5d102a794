import postgres from 'postgres'
import { migrateDatabase } from '../../db/migrate'

export const TEMPLATE_DATABASE = 'mentora_template'

/** Creates the template: migrations applied, the shared subject list, pg-boss's schema and queues. */
export async function prepareTemplate(adminUrl: string, templateUrl: string): Promise<void> {
	const admin = postgres(adminUrl, { max: 1, onnotice: () => {} })
	await admin.unsafe(`create database ${TEMPLATE_DATABASE}`)
	await admin.end()
	await migrateDatabase(templateUrl)
	process.env.DATABASE_URL = templateUrl
	const [{ seedSubjects }, { createQueues }, { stopBoss }, { closeDb }] = await Promise.all([
		import('../../db/seed'),
		import('../../jobs/worker'),
		import('../../jobs/queue.server'),
		import('../../db/client'),
	])
	await seedSubjects()
	await createQueues()
	await stopBoss()
	await closeDb()
	delete process.env.DATABASE_URL
}
