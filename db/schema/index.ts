export * from './users'
export * from './profiles'
