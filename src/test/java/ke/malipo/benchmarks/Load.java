package ke.malipo.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntPredicate;

/**
 * Drives load for the benchmarks. Open loop: requests start on a fixed schedule whether
 * or not earlier ones finished, and each latency is counted from when the request was
 * due, so a stalled server shows up in the figures instead of slowing the load down
 * (coordinated omission).
 */
final class Load {

	private Load() {
	}

	/**
	 * Calls {@code request} for 0, 1, 2… at {@code perSecond} for {@code count} calls.
	 * @param request answers whether the call succeeded
	 */
	static Latencies atRate(int perSecond, int count, IntPredicate request) throws Exception {
		long[] nanos = new long[count];
		AtomicInteger errors = new AtomicInteger();
		long interval = 1_000_000_000L / perSecond;
		long start = System.nanoTime() + 50_000_000L;
		List<Future<?>> calls = new ArrayList<>(count);
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < count; i++) {
				long due = start + i * interval;
				long wait = due - System.nanoTime();
				if (wait > 0) {
					LockSupport.parkNanos(wait);
				}
				int index = i;
				calls.add(threads.submit(() -> {
					boolean ok = request.test(index);
					nanos[index] = System.nanoTime() - due;
					if (!ok) {
						errors.incrementAndGet();
					}
				}));
			}
			for (Future<?> call : calls) {
				call.get();
			}
		}
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		return Latencies.of(nanos, errors.get(), took);
	}

	/** Starts all {@code count} calls at once and waits for every one. */
	static Latencies allAtOnce(int count, IntPredicate request) throws Exception {
		long[] nanos = new long[count];
		AtomicInteger errors = new AtomicInteger();
		long start = System.nanoTime();
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<?>> calls = new ArrayList<>(count);
			for (int i = 0; i < count; i++) {
				int index = i;
				calls.add(threads.submit(() -> {
					long begun = System.nanoTime();
					if (!request.test(index)) {
						errors.incrementAndGet();
					}
					nanos[index] = System.nanoTime() - begun;
				}));
			}
			for (Future<?> call : calls) {
				call.get();
			}
		}
		return Latencies.of(nanos, errors.get(), Duration.ofNanos(System.nanoTime() - start));
	}

	/**
	 * Closed loop with {@code workers} callers, as fast as the server answers: the
	 * throughput ceiling.
	 */
	static Latencies asFastAsPossible(int workers, int count, IntPredicate request) throws Exception {
		long[] nanos = new long[count];
		AtomicInteger next = new AtomicInteger();
		AtomicInteger errors = new AtomicInteger();
		long start = System.nanoTime();
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<?>> loops = new ArrayList<>();
			for (int w = 0; w < workers; w++) {
				loops.add(threads.submit(() -> {
					for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
						long begun = System.nanoTime();
						if (!request.test(i)) {
							errors.incrementAndGet();
						}
						nanos[i] = System.nanoTime() - begun;
					}
				}));
			}
			for (Future<?> loop : loops) {
				loop.get();
			}
		}
		return Latencies.of(nanos, errors.get(), Duration.ofNanos(System.nanoTime() - start));
	}

	/** What a run measured. */
	record Latencies(int count, int errors, Duration took, double p50Millis, double p90Millis, double p99Millis,
			double maxMillis) {

		static Latencies of(long[] nanos, int errors, Duration took) {
			long[] sorted = nanos.clone();
			Arrays.sort(sorted);
			return new Latencies(sorted.length, errors, took, millis(sorted, 0.50), millis(sorted, 0.90),
					millis(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
		}

		private static double millis(long[] sorted, double quantile) {
			int index = (int) Math.ceil(quantile * sorted.length) - 1;
			return sorted[Math.max(0, index)] / 1e6;
		}

		double perSecond() {
			return this.count / (this.took.toNanos() / 1e9);
		}

		/** The latencies alone, for times measured inside the server. */
		String latencyOnly() {
			return String.format(Locale.ROOT, "%d calls; latency ms p50 %.2f, p90 %.2f, p99 %.2f, max %.2f", this.count,
					this.p50Millis, this.p90Millis, this.p99Millis, this.maxMillis);
		}

		@Override
		public String toString() {
			return String.format(Locale.ROOT,
					"%d calls, %d errors, %.0f/s achieved; latency ms p50 %.2f, p90 %.2f, p99 %.2f, max %.2f",
					this.count, this.errors, perSecond(), this.p50Millis, this.p90Millis, this.p99Millis,
					this.maxMillis);
		}

	}

}
