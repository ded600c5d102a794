import { startStripeEmulator, type StripeEmulator } from './server'

export { startStripeEmulator, type EmulatorOptions, type StripeEmulator } from './server'
export { type StripeObject } from './store'

/**
 * What `npm start` and the end-to-end server run when STRIPE_SECRET_KEY is unset: the emulator on
 * STRIPE_EMULATOR_PORT, sending its webhooks to the app's own endpoint, signed with its secret.
 */
export function startLocalStripe(env: { APP_URL: string; STRIPE_EMULATOR_PORT: number; STRIPE_WEBHOOK_SECRET: string }, stateFile?: string): Promise<StripeEmulator> {
	return startStripeEmulator({
		port: env.STRIPE_EMULATOR_PORT,
		appUrl: env.APP_URL,
		webhook: { url: `${env.APP_URL}/webhooks/stripe`, secret: env.STRIPE_WEBHOOK_SECRET },
		stateFile,
		log: (line) => console.log(line),
	})
}
