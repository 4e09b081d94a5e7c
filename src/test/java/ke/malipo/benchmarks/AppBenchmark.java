package ke.malipo.benchmarks;

import ke.malipo.booking.internal.Bookings;
import ke.malipo.identity.internal.Registration;
import ke.malipo.support.Api;
import ke.malipo.support.TestPhones;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * What every in-process benchmark needs: the services that make approved sessions in
 * bulk, the server-side timer, and the port of the running app. Subclasses declare their
 * own {@code @SpringBootTest} settings.
 */
abstract class AppBenchmark {

	@Autowired
	Registration registration;

	@Autowired
	Bookings bookings;

	@Autowired
	Api api;

	@Autowired
	ServerTimes serverTimes;

	@Value("${local.server.port}")
	int port;

	java.util.List<BenchmarkFixtures.Payable> approvedSessions(int pairs, int count) {
		return BenchmarkFixtures.approvedSessions(this.registration, this.bookings, this.api, pairs, count);
	}

	/** Starts a payment whose prompt then waits on the virtual phone (a 9 number). */
	java.net.http.HttpResponse<String> initiate(BenchmarkFixtures.Payable payable, int lastDigit) {
		return BenchmarkFixtures.post(this.port, "/api/mpesa/initiate", payable.clientToken(), "{\"sessionId\":\""
				+ payable.session() + "\",\"phoneNumber\":\"" + TestPhones.local(lastDigit) + "\"}");
	}

}
