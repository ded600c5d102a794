import { Form, useNavigation } from '@remix-run/react'
import { type ChangeEvent, useEffect, useState } from 'react'
import { Avatar, type AvatarPerson } from '~/components/avatar'
import { SubmitButton } from '~/components/forms'
import { centreSquare, isLargeEnough, PHOTO_MAX_UPLOAD_BYTES, PHOTO_MIN_CROP, type Crop, type Dimensions } from '~/rules/profile-photo'
import { Section } from './dossier-fields'
import { PhotoCropper } from './photo-cropper'

type PhotoError = { code: string; message: string; fields?: Record<string, string[]> }

type Chosen = { src: string; image: Dimensions; crop: Crop }

const MAX_MB = PHOTO_MAX_UPLOAD_BYTES / (1024 * 1024)

/**
 * Upload, crop and remove the profile photo. Without scripts it is a plain file upload (the server
 * uses the centre square); with them, the chosen photo shows with a square to move and resize, and
 * the square is sent as `x`, `y` and `size` in the photo's pixels.
 */
export function PhotoSection({ person, error }: { person: AvatarPerson; error: PhotoError | null }) {
	const navigation = useNavigation()
	const [chosen, setChosen] = useState<Chosen | null>(null)
	const [problem, setProblem] = useState<string | null>(null)
	// The server's refusal shows until another photo is chosen.
	const [serverErrorShown, setServerErrorShown] = useState(true)
	useEffect(() => setServerErrorShown(true), [error])
	const src = chosen?.src
	useEffect(() => () => void (src && URL.revokeObjectURL(src)), [src])

	const onFileChange = (event: ChangeEvent<HTMLInputElement>) => {
		setChosen(null)
		setProblem(null)
		setServerErrorShown(false)
		const file = event.currentTarget.files?.[0]
		if (!file) return
		if (file.size > PHOTO_MAX_UPLOAD_BYTES) return setProblem(`This photo is too large: upload one of at most ${MAX_MB} MB.`)
		const src = URL.createObjectURL(file)
		const probe = new Image()
		probe.onload = () => {
			// The browser shows the photo turned as its EXIF says, as the server crops it.
			const image = { width: probe.naturalWidth, height: probe.naturalHeight }
			if (!isLargeEnough(image)) {
				URL.revokeObjectURL(src)
				return setProblem(`This photo is too small (${image.width} × ${image.height} pixels); use one at least ${PHOTO_MIN_CROP} pixels on each side.`)
			}
			setChosen({ src, image, crop: centreSquare(image) })
		}
		probe.onerror = () => {
			URL.revokeObjectURL(src)
			setProblem('This file is not a photo we can read: upload a JPEG, PNG or WebP image.')
		}
		probe.src = src
	}

	const serverError = serverErrorShown && error ? (error.fields?.photo?.[0] ?? error.fields?.crop?.[0] ?? error.message) : null
	const errors = [problem ?? serverError].filter((e): e is string => Boolean(e))
	const submitting = navigation.state === 'submitting' && navigation.formAction === '/settings/profile'
	const intent = submitting ? navigation.formData?.get('intent') : null

	return (
		<Section title="Photo" description="Shown on your profile, in the mentor directory and beside your name. When you have none, your initials show.">
			<div className="flex flex-wrap items-start gap-6">
				<div className="space-y-2 text-center">
					<Avatar person={person} size={96} />
					<p className="text-sm text-slate-600">{person.photoVersion ? 'Your photo' : 'No photo yet'}</p>
				</div>
				<div className="min-w-0 flex-1 space-y-4">
					<Form method="post" action="/settings/profile" encType="multipart/form-data" className="space-y-4" aria-label="Upload a photo">
						<input type="hidden" name="intent" value="photo-upload" />
						<div>
							<label htmlFor="photo" className="block text-sm font-medium text-slate-800">
								{person.photoVersion ? 'Choose a new photo' : 'Choose a photo'}
							</label>
							<p id="photo-hint" className="mt-0.5 text-sm text-slate-600">
								JPEG, PNG or WebP, up to {MAX_MB} MB. It is cropped to a square: without a choice, the middle of the photo.
							</p>
							<input
								id="photo"
								name="photo"
								type="file"
								accept="image/jpeg,image/png,image/webp"
								required
								onChange={onFileChange}
								aria-invalid={errors.length > 0 || undefined}
								aria-describedby={errors.length > 0 ? 'photo-hint photo-error' : 'photo-hint'}
								className="mt-1 block w-full text-sm text-slate-800 file:mr-3 file:rounded-md file:border-0 file:bg-brand-50 file:px-3 file:py-2 file:font-semibold file:text-brand-700 hover:file:bg-brand-100"
							/>
							{errors.length > 0 ? (
								<p id="photo-error" role="alert" className="mt-1 text-sm text-red-700">
									{errors[0]}
								</p>
							) : null}
						</div>
						{chosen ? <PhotoCropper src={chosen.src} image={chosen.image} crop={chosen.crop} onChange={(crop) => setChosen({ ...chosen, crop })} /> : null}
						<input type="hidden" name="x" value={chosen?.crop.x ?? ''} />
						<input type="hidden" name="y" value={chosen?.crop.y ?? ''} />
						<input type="hidden" name="size" value={chosen?.crop.size ?? ''} />
						<SubmitButton pending={intent === 'photo-upload'}>Save photo</SubmitButton>
					</Form>
					{person.photoVersion ? (
						<Form method="post" action="/settings/profile">
							<input type="hidden" name="intent" value="photo-remove" />
							<button
								type="submit"
								disabled={intent === 'photo-remove'}
								className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-semibold text-slate-800 hover:bg-slate-50 disabled:opacity-60"
							>
								Remove photo
							</button>
						</Form>
					) : null}
				</div>
			</div>
		</Section>
	)
}
