/**
 * Read-only looks into what the engine keeps in its store for Axon (tracking-token claims, saga entries, scheduled
 * deadlines, dead letters), for the operators' endpoints: they ask here instead of reading collections themselves.
 */
package io.orderengine.infrastructure.inspection;
