import { createHash } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import { getDb } from '../../db/client'
import { profilePhotos, users } from '../../db/schema'
import { nextPhotoVersion, PHOTO_VERSION_PATTERN, type Crop, type PhotoRef, type PhotoSize } from '../rules/profile-photo'
import { processPhoto } from './photo-images.server'

/**
 * A person's profile photo, stored in PostgreSQL so every web process serves it (docs/decisions/028).
 * Each upload replaces the last under a new version; URLs carry the version, so they never change
 * meaning and are cached for good. A mentor's page, which web processes keep, is dropped by the
 * `mentor_schedule_photos` trigger when their photo changes.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Processes the upload first (a refusal writes nothing), then stores it as the person's photo under the next version. */
export async function saveProfilePhoto(userId: string, upload: { bytes: Buffer; crop: Crop | null }, { now }: { now: Date }): Promise<PhotoRef> {
	const photo = await processPhoto(upload.bytes, upload.crop)
	const digest = createHash('sha256').update(photo.large).update(photo.small).digest('hex')
	return getDb().transaction(async (tx) => {
		// One upload of a person at a time, so each gets its own version number.
		await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for('update')
		const [previous] = await tx.select({ version: profilePhotos.version }).from(profilePhotos).where(eq(profilePhotos.userId, userId))
		const values = { version: nextPhotoVersion(previous?.version ?? null, digest), contentType: photo.contentType, large: photo.large, small: photo.small, updatedAt: now }
		await tx
			.insert(profilePhotos)
			.values({ userId, ...values })
			.onConflictDoUpdate({ target: profilePhotos.userId, set: values })
		return { userId, version: values.version }
	})
}

/** Removes the person's photo (their initials show again); false when they had none. */
export async function removeProfilePhoto(userId: string): Promise<boolean> {
	const removed = await getDb().delete(profilePhotos).where(eq(profilePhotos.userId, userId)).returning({ userId: profilePhotos.userId })
	return removed.length > 0
}

export async function getPhotoVersion(userId: string): Promise<string | null> {
	const [row] = await getDb().select({ version: profilePhotos.version }).from(profilePhotos).where(eq(profilePhotos.userId, userId))
	return row?.version ?? null
}

/** One served file of a photo, or null when that user has no photo of that version. */
export async function readProfilePhoto(userId: string, version: string, size: PhotoSize): Promise<{ bytes: Buffer; contentType: string } | null> {
	// Anything else in the URL names no photo (and a malformed uuid would be an error in PostgreSQL).
	if (!UUID.test(userId) || !PHOTO_VERSION_PATTERN.test(version)) return null
	const [row] = await getDb()
		.select({ bytes: profilePhotos[size], contentType: profilePhotos.contentType })
		.from(profilePhotos)
		.where(and(eq(profilePhotos.userId, userId), eq(profilePhotos.version, version)))
	return row ?? null
}
