/**
 * The local tracking-address mailbox on its own: `tsx server/inbound-smtp-cli.ts` (`npm start`
 * runs it in a process of its own in a local run). It listens on INBOUND_SMTP_PORT, loopback only,
 * and writes to DATABASE_URL. Its first line on stdout says it is listening.
 */
import { closeDb } from '../db/client'
import { getEnv } from '../app/utils/env.server'
import { startInboundSmtp } from './inbound-smtp'

const env = getEnv()
const smtp = await startInboundSmtp({ port: env.INBOUND_SMTP_PORT, log: (line) => console.log(line) })
console.log(`[inbound] SMTP for tracking addresses (<token>@${env.MENTORA_INBOUND_DOMAIN}) on 127.0.0.1:${smtp.port}`)
let stopping = false
const stop = () => {
	if (stopping) return
	stopping = true
	void smtp
		.stop()
		.then(() => closeDb())
		.then(() => process.exit(0))
}
// Ctrl-C reaches every process of the terminal, and `npm start` sends SIGTERM as well: stop once.
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
