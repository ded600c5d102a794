import { Form } from '@remix-run/react'

/** The settings page's email and calendar sections: reminder preferences and the private calendar feed. */

const sectionClass = 'rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200'
const buttonClass = 'rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700'

export type ReminderOption = { category: string; label: string; muted: boolean }

export function EmailPreferences({ options, saved }: { options: ReminderOption[]; saved: boolean }) {
	return (
		<section aria-labelledby="emails" className={sectionClass}>
			<h2 id="emails" className="text-lg font-semibold">
				Emails
			</h2>
			<p className="mt-2 text-slate-700">
				Emails about your bookings, cancellations and payments always arrive. Reminders are yours to choose.
			</p>
			<Form method="post" className="mt-4 space-y-3">
				<input type="hidden" name="intent" value="email-preferences" />
				<fieldset className="space-y-2">
					<legend className="text-sm font-medium text-slate-600">Send me</legend>
					{options.map((option) => (
						<label key={option.category} className="flex items-center gap-2">
							<input type="checkbox" name="reminders" value={option.category} defaultChecked={!option.muted} className="h-4 w-4" />
							{option.label}
						</label>
					))}
				</fieldset>
				<button type="submit" className={buttonClass}>
					Save email settings
				</button>
				{saved ? (
					<p role="status" className="text-sm text-green-800">
						Your email settings are saved.
					</p>
				) : null}
			</Form>
		</section>
	)
}

export type FeedState = { createdAt: string | null; created: { https: string; webcal: string } | null }

export function CalendarFeed({ feed }: { feed: FeedState }) {
	return (
		<section aria-labelledby="calendar-feed" className={sectionClass}>
			<h2 id="calendar-feed" className="text-lg font-semibold">
				Calendar feed
			</h2>
			<p className="mt-2 text-slate-700">
				Subscribe to your sessions from Google, Apple or Outlook calendar with a private link. Anyone with the link sees your
				sessions, so keep it to yourself; revoke it at any time.
			</p>
			{feed.created ? (
				<div role="status" className="mt-4 space-y-2 rounded-md border border-brand-100 bg-brand-50 p-3">
					<p className="font-medium">Your private calendar link (shown only now; copy it into your calendar app):</p>
					<label htmlFor="feed-url" className="sr-only">
						Calendar link
					</label>
					<input id="feed-url" readOnly value={feed.created.webcal} className="w-full rounded border border-slate-300 px-2 py-1 font-mono text-sm" />
					<a href={feed.created.webcal} className="inline-block font-semibold text-brand-700 underline">
						Open in your calendar app
					</a>
				</div>
			) : feed.createdAt ? (
				<p className="mt-4 text-slate-700">You have a calendar link, made on {new Date(feed.createdAt).toUTCString()}.</p>
			) : null}
			<div className="mt-4 flex flex-wrap gap-2">
				<Form method="post">
					<input type="hidden" name="intent" value="calendar-feed-create" />
					<button type="submit" className={buttonClass}>
						{feed.createdAt || feed.created ? 'Make a new link (the old one stops working)' : 'Make a calendar link'}
					</button>
				</Form>
				{feed.createdAt || feed.created ? (
					<Form method="post">
						<input type="hidden" name="intent" value="calendar-feed-revoke" />
						<button type="submit" className="rounded-md border border-red-700 px-4 py-2 font-semibold text-red-700 hover:bg-red-50">
							Revoke the calendar link
						</button>
					</Form>
				) : null}
			</div>
		</section>
	)
}
