import { createContext, useContext } from 'react'

/**
 * The Content-Security-Policy nonce of this response (a new one per request, made by the server):
 * every script the page renders inline carries it, so the policy can refuse any other.
 */
export const NonceContext = createContext<string>('')
export const NonceProvider = NonceContext.Provider
export const useNonce = () => useContext(NonceContext)
