package io.orderengine.bench;

import java.util.List;

/**
 * One benchmark scenario: boots its own engine through {@link Scenarios#boot()}, prints its figures and returns them.
 */
interface Scenario {

    /** Runs the scenario with the harness options and engine settings of {@code bench}. */
    List<Figure> run(Scenarios bench) throws Exception;
}
