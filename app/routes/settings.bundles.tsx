import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { ErrorList, FormError, inputClass } from '~/components/forms'
import { CURRENCIES, formatMoney } from '~/rules/money'
import { createOffer, listOffers, retireOffer, updateOffer, type BundleOffer } from '~/services/bundle-offers.server'
import { now } from '~/utils/clock.server'
import { isDomainError, type FieldErrors } from '~/utils/errors'
import { requireMentor } from '~/utils/session.server'
import { readFormData } from '~/utils/form.server'

/** The mentor's bundle offers: create, edit, retire. Bundles already bought keep the terms they were bought with. */

export const meta: MetaFunction = () => [{ title: 'Bundle offers · Mentora' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
	const user = await requireMentor(request, context)
	const offers = await listOffers(user.id)
	return { offers: offers.map(view) }
}

const view = (o: BundleOffer) => ({
	id: o.id,
	sessionsCount: o.sessionsCount,
	sessionMinutes: o.sessionMinutes,
	sessionPrice: (o.priceCents / o.sessionsCount / 100).toFixed(2),
	currency: o.currency,
	validityMonths: o.validityMonths,
	price: formatMoney(o.priceCents, o.currency),
})

type Answer = { formId: string; message?: string; fields?: FieldErrors; done?: string }

export async function action({ request, context }: ActionFunctionArgs) {
	const user = await requireMentor(request, context)
	const form = Object.fromEntries(await readFormData(request)) as Record<string, string>
	const { intent = '', offerId = '', ...input } = form
	const formId = offerId || 'new'
	try {
		if (intent === 'retire') await retireOffer(user.id, offerId, now())
		else if (intent === 'update') await updateOffer(user.id, offerId, input, now())
		else await createOffer(user.id, input, now())
		return data<Answer>({ formId, done: intent === 'retire' ? 'Offer retired.' : 'Offer saved.' })
	} catch (error) {
		if (!isDomainError(error)) throw error
		return data<Answer>({ formId, message: error.message, fields: error.fields }, { status: error.status })
	}
}

function OfferFields({ offer, errors }: { offer?: ReturnType<typeof view>; errors?: FieldErrors }) {
	const id = offer?.id ?? 'new'
	const field = (name: string, label: string, props: React.InputHTMLAttributes<HTMLInputElement>) => (
		<div>
			<label htmlFor={`${id}-${name}`} className="block text-sm font-medium text-slate-800">
				{label}
			</label>
			<input id={`${id}-${name}`} name={name} className={inputClass} aria-invalid={errors?.[name] ? true : undefined} {...props} />
			<ErrorList errors={errors?.[name]} />
		</div>
	)
	return (
		<div className="grid gap-3 sm:grid-cols-5">
			{field('sessionsCount', 'Sessions', { type: 'number', min: 1, max: 50, defaultValue: offer?.sessionsCount ?? 4, required: true })}
			{field('sessionMinutes', 'Minutes each', { type: 'number', min: 10, max: 480, defaultValue: offer?.sessionMinutes ?? 60, required: true })}
			{field('sessionPrice', 'Price per session', { type: 'number', min: 1, step: '0.01', defaultValue: offer?.sessionPrice ?? '', required: true })}
			<div>
				<label htmlFor={`${id}-currency`} className="block text-sm font-medium text-slate-800">
					Currency
				</label>
				<select id={`${id}-currency`} name="currency" defaultValue={offer?.currency ?? 'eur'} className={inputClass}>
					{CURRENCIES.map((c) => (
						<option key={c} value={c}>
							{c.toUpperCase()}
						</option>
					))}
				</select>
			</div>
			{field('validityMonths', 'Valid for (months, optional)', { type: 'number', min: 1, max: 36, defaultValue: offer?.validityMonths ?? '' })}
		</div>
	)
}

export default function BundleOfferSettings() {
	const { offers } = useLoaderData<typeof loader>()
	const answer = useActionData<typeof action>()
	const busy = useNavigation().state !== 'idle'
	const errorsFor = (formId: string) => (answer?.formId === formId ? answer : undefined)
	return (
		<div className="space-y-6">
			<section aria-labelledby="offers" className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
				<h2 id="offers" className="text-lg font-semibold">
					Your bundle offers
				</h2>
				<p className="mt-1 text-sm text-slate-700">Mentees who you approved after an intro can buy these on your profile. Editing or retiring an offer never changes bundles already bought.</p>
				{answer?.done ? (
					<p role="status" className="mt-3 text-sm font-medium text-green-800">
						{answer.done}
					</p>
				) : null}
				{offers.length === 0 ? <p className="mt-3 text-slate-700">No offers yet.</p> : null}
				<ul className="mt-4 space-y-4">
					{offers.map((o) => (
						<li key={o.id} className="rounded-lg border border-slate-200 p-4">
							<p className="font-semibold">
								{o.sessionsCount} × {o.sessionMinutes} min for {o.price}
							</p>
							<Form method="post" className="mt-3 space-y-3" aria-label={`Edit ${o.sessionsCount} × ${o.sessionMinutes} min`}>
								<input type="hidden" name="offerId" value={o.id} />
								<FormError errors={errorsFor(o.id)?.message ? [errorsFor(o.id)!.message!] : null} />
								<OfferFields offer={o} errors={errorsFor(o.id)?.fields} />
								<div className="flex gap-2">
									<button name="intent" value="update" disabled={busy} className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white">
										Save changes
									</button>
									<button name="intent" value="retire" disabled={busy} formNoValidate className="rounded-md border border-red-700 px-3 py-1.5 text-sm font-semibold text-red-700">
										Retire offer
									</button>
								</div>
							</Form>
						</li>
					))}
				</ul>
			</section>
			<section aria-labelledby="new-offer" className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
				<h2 id="new-offer" className="text-lg font-semibold">
					New offer
				</h2>
				<Form method="post" className="mt-3 space-y-3">
					<FormError errors={errorsFor('new')?.message ? [errorsFor('new')!.message!] : null} />
					<OfferFields errors={errorsFor('new')?.fields} />
					<button name="intent" value="create" disabled={busy} className="rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700">
						Add offer
					</button>
				</Form>
			</section>
		</div>
	)
}
