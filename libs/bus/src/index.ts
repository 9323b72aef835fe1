export * from './requester';
