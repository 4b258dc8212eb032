package io.orderengine.bench;

/** One measured figure of a scenario (e.g. "checkout c=4 req/s"), for the side-by-side table of event stores. */
record Figure(String name, double value) {}
