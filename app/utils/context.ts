declare module '@remix-run/node' {
	interface AppLoadContext {
		/** The client's address (behind a proxy only when TRUST_PROXY=true). */
		ip: string
		/** Set-Cookie values added to whatever response this request ends with (sliding sessions). */
		responseCookies: string[]
	}
}

export {}
