export * from './auditor-grants';
