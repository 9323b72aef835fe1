export * from './service-modules';
export * from './run-service';
export * from './clock';
export * from './periodic-passes';
export * from './webhook-targets';
export * from './webhook-poster';
