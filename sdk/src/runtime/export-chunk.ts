/** The `export()` chunk: protocol's exporters, loaded only when someone exports. */
export { exportRecords } from '@coreitsm/protocol';
