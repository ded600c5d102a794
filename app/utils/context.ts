declare module '@remix-run/node' {
	interface AppLoadContext {
		/** The client's address (behind a proxy only when TRUST_PROXY=true). */
		ip: string
		/** Set-Cookie values added to whatever response this request ends with (sliding sessions). */
		responseCookies: string[]
		/** This response's Content-Security-Policy nonce, for the scripts the page renders (absent outside the Express server). */
		cspNonce?: string
	}
}

export {}
