export * from './users'
export * from './profiles'
export * from './calendars'
export * from './bookings'
