import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '@playwright/test'
import sharp from 'sharp'
import { signUp, uniquePerson } from './support'

/** A 600 × 400 photo, blue on its left half and red on its right. */
async function halfAndHalf(): Promise<Buffer> {
	const red = await sharp({ create: { width: 300, height: 400, channels: 3, background: '#ff0000' } })
		.png()
		.toBuffer()
	return sharp({ create: { width: 600, height: 400, channels: 3, background: '#0000ff' } })
		.composite([{ input: red, left: 300, top: 0 }])
		.jpeg({ quality: 92 })
		.toBuffer()
}

async function colourAt(image: Buffer, x: number, y: number): Promise<number[]> {
	const { data, info } = await sharp(image).raw().toBuffer({ resolveWithObject: true })
	const at = (y * info.width + x) * info.channels
	return [data[at]!, data[at + 1]!, data[at + 2]!]
}

// Sign-up, an axe run and image work in one test: more than the default 30 s on a busy machine.
test.describe.configure({ timeout: 90_000 })

test('a mentor uploads a photo, crops it with the keyboard, and it shows on their directory card', async ({ page }) => {
	const person = uniquePerson('Portrait')
	await signUp(page, person, 'Mentor')
	await page.goto('/settings/profile')
	// Listed in the directory once the dossier has a headline and a language.
	await page.getByLabel('Headline').fill('Helps designers lead')
	await page.getByLabel('Languages').fill('English')
	await page.getByRole('button', { name: 'Save profile' }).click()
	await expect(page.getByRole('status')).toContainText('Your profile is saved.')

	const photoSection = page.getByRole('region', { name: 'Photo' })
	await expect(photoSection.getByRole('img', { name: person.name })).toHaveText(/^[A-Z]{2}$/)
	await photoSection.getByLabel('Choose a photo').setInputFiles({ name: 'portrait.jpg', mimeType: 'image/jpeg', buffer: await halfAndHalf() })

	// The centre square to start with: 400 px, 100 from the left.
	const crop = photoSection.getByRole('group', { name: 'Crop square' })
	await expect(crop).toHaveAccessibleDescription(/arrow keys.*\+ and −.*Crop: 400 × 400 pixels, 100 from the left and 0 from the top of 600 × 400/)
	await expect(page.getByRole('img', { name: 'Preview of the photo you chose' })).toBeVisible()

	const axe = await new AxeBuilder({ page }).analyze()
	expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)).toEqual([])

	// Shift + arrow moves by 40 px (5 steps of 8), stopping at the edge; − shrinks it by 16 around its centre.
	await crop.focus()
	for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowLeft')
	await expect(photoSection.getByText('Crop: 400 × 400 pixels, 0 from the left and 0 from the top of 600 × 400.')).toBeVisible()
	await page.keyboard.press('-')
	await expect(photoSection.getByText('Crop: 384 × 384 pixels, 8 from the left and 8 from the top of 600 × 400.')).toBeVisible()
	await page.keyboard.press('+')
	await page.keyboard.press('-')
	await page.keyboard.press('ArrowRight')
	await expect(photoSection.getByText('Crop: 384 × 384 pixels, 16 from the left and 8 from the top of 600 × 400.')).toBeVisible()

	await photoSection.getByRole('button', { name: 'Save photo' }).click()
	await expect(page.getByRole('status').filter({ hasText: 'Your photo is saved.' })).toBeVisible()
	const saved = photoSection.getByRole('img', { name: person.name })
	await expect(saved).toHaveAttribute('src', /^\/photos\/[0-9a-f-]{36}\/1-[0-9a-f]{12}\/large\.webp$/)
	await expect(photoSection.getByRole('button', { name: 'Remove photo' })).toBeVisible()

	await page.goto(`/mentors?q=${encodeURIComponent(person.name)}`)
	const card = page.getByRole('list', { name: 'Mentors' }).getByRole('listitem').filter({ hasText: person.name })
	const photo = card.getByRole('img', { name: person.name })
	await expect(photo).toHaveAttribute('src', /\/small\.webp$/)
	await expect(photo).toHaveAttribute('width', '64')
	await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(128)

	// The crop the keys chose: 16 px in, so blue up to 284 of its 384 px, red after.
	const large = await page.request.get((await photo.getAttribute('src'))!.replace('small.webp', 'large.webp'))
	expect(large.headers()['cache-control']).toBe('public, max-age=31536000, immutable')
	const bytes = await large.body()
	expect((await sharp(bytes).metadata()).width).toBe(384)
	const [left, right] = [await colourAt(bytes, 20, 192), await colourAt(bytes, 360, 192)]
	expect(left[2]).toBeGreaterThan(200)
	expect(right[0]).toBeGreaterThan(200)

	// The site header shows it too, beside Settings.
	await expect(page.getByRole('navigation', { name: 'Main' }).locator('img[src$="/small.webp"]').first()).toBeAttached()
})

test('a photo that is not an image is refused on the form, and a removed photo gives way to initials', async ({ page }) => {
	const person = uniquePerson('Snapshot')
	await signUp(page, person, 'Mentee')
	await page.goto('/settings/profile')
	const photoSection = page.getByRole('region', { name: 'Photo' })
	const input = photoSection.getByLabel('Choose a photo')

	// A text file named like a photo: the browser cannot show it either, so the page says so at once.
	await input.setInputFiles({ name: 'holiday.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('not a photo at all') })
	await expect(input).toHaveAccessibleDescription(/not a photo we can read/)
	// Sent anyway, the server refuses it the same way and stores nothing.
	await photoSection.getByRole('button', { name: 'Save photo' }).click()
	await expect(photoSection.getByRole('alert')).toHaveText(/not a photo we can read/)
	await expect(photoSection.getByRole('img', { name: person.name })).not.toHaveAttribute('src', /.+/)

	await input.setInputFiles({ name: 'me.jpg', mimeType: 'image/jpeg', buffer: await halfAndHalf() })
	await photoSection.getByRole('button', { name: 'Save photo' }).click()
	await expect(page.getByRole('status').filter({ hasText: 'Your photo is saved.' })).toBeVisible()
	await photoSection.getByRole('button', { name: 'Remove photo' }).click()
	await expect(page.getByRole('status').filter({ hasText: 'Your photo is removed.' })).toBeVisible()
	await expect(photoSection.getByRole('img', { name: person.name })).toHaveText(/^[A-Z]{2}$/)
	await expect(photoSection.getByRole('button', { name: 'Remove photo' })).toHaveCount(0)
})

test('without scripts the photo form still uploads, cropped to the centre square', async ({ page, browser }) => {
	const person = uniquePerson('Plain')
	await signUp(page, person, 'Mentee')
	const context = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() })
	const plain = await context.newPage()
	await plain.goto('/settings/profile')
	const photoSection = plain.getByRole('region', { name: 'Photo' })
	await photoSection.getByLabel('Choose a photo').setInputFiles({ name: 'me.jpg', mimeType: 'image/jpeg', buffer: await halfAndHalf() })
	await expect(photoSection.getByRole('group', { name: 'Crop square' })).toHaveCount(0)
	await photoSection.getByRole('button', { name: 'Save photo' }).click()
	await expect(plain.getByRole('status').filter({ hasText: 'Your photo is saved.' })).toBeVisible()
	const src = await photoSection.getByRole('img', { name: person.name }).getAttribute('src')
	const bytes = await (await plain.request.get(src!)).body()
	// The middle 400 × 400 of the 600 × 400 photo: as much blue on the left as red on the right.
	expect((await sharp(bytes).metadata()).width).toBe(400)
	expect((await colourAt(bytes, 10, 200))[2]).toBeGreaterThan(200)
	expect((await colourAt(bytes, 390, 200))[0]).toBeGreaterThan(200)
	await context.close()
})
