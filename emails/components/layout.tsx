import { Body, Button, Container, Head, Heading, Hr, Html, Link, Preview, Section, Text } from '@react-email/components'
import { Fragment, type ReactNode } from 'react'

/** What every template receives besides its own data; queueEmail fills it from the recipient. */
export type EmailBase = {
	recipientName: string
	/** The recipient's IANA zone: every time in the email is shown in it, named. */
	timeZone: string
	/** The site's public URL (APP_URL); every link is absolute. */
	appUrl: string
	/** Set on reminders: one click mutes this reminder's category. */
	unsubscribeUrl?: string | null
	/** False for someone without a Mentora account (a manager, a partner contact): no account to speak of. */
	hasAccount?: boolean
}

const colors = { brand: '#1f5fd1', text: '#0f172a', muted: '#475569', line: '#e2e8f0', page: '#f8fafc' }

export function Layout(props: EmailBase & { preview: string; heading: string; children: ReactNode }) {
	return (
		<Html lang="en">
			<Head />
			<Preview>{props.preview}</Preview>
			<Body style={{ backgroundColor: colors.page, color: colors.text, fontFamily: 'Helvetica, Arial, sans-serif' }}>
				<Container style={{ maxWidth: '560px', margin: '0 auto', padding: '24px' }}>
					<Text style={{ color: colors.brand, fontSize: '20px', fontWeight: 700, margin: '0 0 16px' }}>Mentora</Text>
					<Section style={{ backgroundColor: '#ffffff', border: `1px solid ${colors.line}`, borderRadius: '12px', padding: '24px' }}>
						<Heading as="h1" style={{ fontSize: '22px', margin: '0 0 16px' }}>
							{props.heading}
						</Heading>
						<Text style={{ margin: '0 0 12px' }}>Hello {props.recipientName},</Text>
						{props.children}
					</Section>
					<Hr style={{ borderColor: colors.line, margin: '24px 0 12px' }} />
					{props.hasAccount === false ? (
						<Text style={{ color: colors.muted, fontSize: '12px', margin: 0 }}>
							You get this email because a Mentora participant named you; you need no account, and the links in it work once.
						</Text>
					) : (
						<Text style={{ color: colors.muted, fontSize: '12px', margin: 0 }}>
							{props.unsubscribeUrl ? (
								<>
									You get this reminder because of your Mentora account.{' '}
									<Link href={props.unsubscribeUrl} style={{ color: colors.muted }}>
										Unsubscribe from these reminders
									</Link>
								</>
							) : (
								'This email is about your Mentora account.'
							)}{' '}
							<Link href={`${props.appUrl}/settings`} style={{ color: colors.muted }}>
								Email settings
							</Link>
						</Text>
					)}
				</Container>
			</Body>
		</Html>
	)
}

/** A link inside a sentence, in the brand colour. */
export function InlineLink({ href, children }: { href: string; children: string }) {
	return (
		<Link href={href} style={{ color: colors.brand, textDecoration: 'underline' }}>
			{children}
		</Link>
	)
}

export function Paragraph({ children }: { children: ReactNode }) {
	return <Text style={{ fontSize: '15px', lineHeight: '22px', margin: '0 0 12px' }}>{children}</Text>
}

/** The one thing the reader should do, as a button to the exact page where they do it. */
export function Action({ href, children }: { href: string; children: string }) {
	return (
		<Section style={{ margin: '20px 0 8px' }}>
			<Button
				href={href}
				style={{ backgroundColor: colors.brand, borderRadius: '8px', color: '#ffffff', fontWeight: 600, padding: '12px 18px' }}
			>
				{children}
			</Button>
		</Section>
	)
}

/** Label and value pairs ("When", "With", "Reason"), one per line so plain text reads well too. */
export function Details({ items }: { items: [string, ReactNode][] }) {
	return (
		<Section style={{ backgroundColor: colors.page, borderRadius: '8px', padding: '12px 16px', margin: '12px 0' }}>
			{items.map(([label, value]) => (
				<Text key={label} style={{ fontSize: '14px', lineHeight: '20px', margin: '4px 0' }}>
					<strong>{label}:</strong> {value}
				</Text>
			))}
		</Section>
	)
}

/** Text a person wrote (a reason, an agenda): its line breaks kept, in HTML and in plain text. */
export function Quote({ children }: { children: string }) {
	const lines = children.split(/\r?\n/)
	return (
		<Text style={{ borderLeft: `3px solid ${colors.line}`, color: colors.muted, margin: '8px 0 12px', padding: '0 0 0 12px' }}>
			{lines.map((line, i) => (
				<Fragment key={i}>
					{i > 0 ? <br /> : null}
					{line}
				</Fragment>
			))}
		</Text>
	)
}
