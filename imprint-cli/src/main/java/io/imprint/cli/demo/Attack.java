package io.imprint.cli.demo;

import io.imprint.protocol.problem.ProblemCode;

/** One refused-attempt scenario of the demo and the code it must be refused with. */
record Attack(String name, String story, ProblemCode expected, Step step) {

    /** Performs the attempt; returns normally only if the server accepted it. */
    @FunctionalInterface
    interface Step {
        void run() throws Exception;
    }
}
