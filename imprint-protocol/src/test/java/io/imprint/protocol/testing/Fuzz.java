package io.imprint.protocol.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.function.Executable;

/**
 * The contract every fuzz property checks for one input: the code under test returns, or throws one
 * of its documented exception types; it never throws anything else, never fails with an
 * {@link Error} (out of memory, stack overflow), never hangs (a generous bound per input, which
 * only a hang exceeds) and allocates at most {@link #MAX_ALLOCATION} bytes on its thread for one
 * input (so a corrupted length field cannot make it reserve memory it was never sent). Shared via
 * the test-jar.
 */
public final class Fuzz {
    /** Far beyond any parse; only a hang (or a catastrophic regular expression) reaches it. */
    public static final Duration PER_INPUT = Duration.ofSeconds(20);
    /** Far beyond what parsing inputs of a few KiB needs. */
    public static final long MAX_ALLOCATION = 256L << 20;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    private static final ExecutorService RUNNER = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fuzz-input");
        t.setDaemon(true);
        return t;
    });

    private Fuzz() {
    }

    /** Runs {@code work}; returns what it threw (an {@link Exception}), or null when it returned. */
    public static Exception thrown(Executable work) {
        Future<Exception> outcome = RUNNER.submit(() -> {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            Exception thrown;
            try {
                work.execute();
                thrown = null;
            } catch (Exception e) {
                thrown = e;
            } catch (Error e) {
                throw e;
            } catch (Throwable t) {
                throw new AssertionError(t);
            }
            long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
            if (allocated > MAX_ALLOCATION) {
                throw new AssertionError("allocated " + (allocated >> 20) + " MiB for one input");
            }
            return thrown;
        });
        try {
            return outcome.get(PER_INPUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            outcome.cancel(true);
            throw new AssertionError("no answer within " + PER_INPUT.toSeconds() + " s: a hang");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Error error ? error : new AssertionError(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** {@code work} returns or throws an instance of one of {@code allowed}. */
    @SafeVarargs
    public static void onlyThrows(Executable work, Class<? extends Exception>... allowed) {
        Exception e = thrown(work);
        if (e != null) {
            assertThat(e).as("undocumented exception: %s", e).isInstanceOfAny(allowed);
        }
    }

    /** {@code work} returns or throws an {@link ImprintException} with one of {@code codes}. */
    public static void onlyRefuses(Executable work, ProblemCode... codes) {
        Exception e = thrown(work);
        if (e != null) {
            assertThat(e).as("undocumented exception: %s", e).isInstanceOf(ImprintException.class);
            assertThat(((ImprintException) e).code()).as("problem code of: %s", e.getMessage())
                    .isIn(Arrays.asList(codes));
        }
    }
}
