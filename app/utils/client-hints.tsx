import { getHintUtils } from '@epic-web/client-hints'
import { clientHint as timeZoneHint } from '@epic-web/client-hints/time-zone'
import { useRouteLoaderData } from '@remix-run/react'

/** The viewer's time zone, read by the browser and sent back as a cookie (client hints). */
const hintsUtils = getHintUtils({ timeZone: timeZoneHint })

export const { getHints } = hintsUtils

export function ClientHintCheck({ nonce }: { nonce: string }) {
	return <script nonce={nonce} dangerouslySetInnerHTML={{ __html: hintsUtils.getClientHintCheckScript() }} />
}

/** The zone to show times in: the signed-in user's setting, else the browser's. */
export function useViewerTimeZone(): string {
	const data = useRouteLoaderData<{ viewerTimeZone: string }>('root')
	return data?.viewerTimeZone ?? 'UTC'
}
