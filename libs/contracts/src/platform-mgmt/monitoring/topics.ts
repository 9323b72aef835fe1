/** Kafka topics of platform-mgmt's node monitoring and alerts (same naming rules as `Topics`). */
export const MonitoringTopics = {
  configureMonitoring: 'strata.platform-mgmt.configure-monitoring.v1',
  monitoringConfigured: 'strata.platform-mgmt.monitoring-configured.v1',
  alertRaised: 'strata.platform-mgmt.alert-raised.v1',
  alertResolved: 'strata.platform-mgmt.alert-resolved.v1',
  /** Reads of node health, alerts and settings (request/reply). */
  queries: 'strata.platform-mgmt.monitoring-queries.v1',
} as const;
