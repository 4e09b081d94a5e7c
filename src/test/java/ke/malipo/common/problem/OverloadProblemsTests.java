package ke.malipo.common.problem;

import java.sql.SQLTransientConnectionException;

import ke.malipo.support.MalipoIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.transaction.CannotCreateTransactionException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When every database connection is taken and none comes free in time (the app past its
 * rate, BENCHMARKS.md F2), a request is refused with 503 {@code SERVER_BUSY} and
 * {@code Retry-After}: nothing was written, so trying again is safe. Before, it answered
 * 500 as if something were broken. The failures are built as HikariCP and Spring raise
 * them, and handed to the application's own advice.
 */
@MalipoIntegrationTest
class OverloadProblemsTests {

	private static final SQLTransientConnectionException POOL_TIMEOUT = new SQLTransientConnectionException(
			"HikariPool-1 - Connection is not available, request timed out after 30000ms (total=20, active=20, idle=0)");

	@Autowired
	ProblemDetailsAdvice advice;

	@Test
	void aTransactionThatFindsNoConnectionIsRefusedAsBusy() throws Exception {
		ResponseEntity<ProblemDetail> answer = this.advice.noTransaction(
				new CannotCreateTransactionException("Could not open JDBC Connection for transaction", POOL_TIMEOUT),
				api(), new MockHttpServletResponse());
		busy(answer);
	}

	@Test
	void aQueryThatFindsNoConnectionIsRefusedAsBusy() throws Exception {
		ResponseEntity<ProblemDetail> answer = this.advice.dataAccess(
				new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection", POOL_TIMEOUT), api(),
				new MockHttpServletResponse());
		busy(answer);
	}

	@Test
	void anotherFailureToBeginIsStillOurs() throws Exception {
		ResponseEntity<ProblemDetail> answer = this.advice.noTransaction(
				new CannotCreateTransactionException("Could not open JDBC Connection for transaction",
						new java.sql.SQLException("FATAL: password authentication failed")),
				api(), new MockHttpServletResponse());
		assertThat(answer).isNotNull();
		assertThat(answer.getStatusCode().value()).isEqualTo(500);
		assertThat(answer.getBody().getProperties()).containsEntry("code", "INTERNAL_ERROR");
		assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNull();
	}

	@Test
	void aPersonsPageSaysSoToo() throws Exception {
		MockHttpServletRequest page = new MockHttpServletRequest("POST", "/sessions/book");
		page.addHeader(HttpHeaders.ACCEPT, "text/html");
		MockHttpServletResponse response = new MockHttpServletResponse();
		assertThat(this.advice.noTransaction(new CannotCreateTransactionException("Could not open", POOL_TIMEOUT), page,
				response))
			.isNull();
		assertThat(response.getHeader(HttpHeaders.RETRY_AFTER)).isEqualTo("2");
		assertThat(response.getStatus()).isEqualTo(503);
	}

	private static MockHttpServletRequest api() {
		return new MockHttpServletRequest("POST", "/api/mpesa/initiate");
	}

	private static void busy(ResponseEntity<ProblemDetail> answer) {
		assertThat(answer).isNotNull();
		assertThat(answer.getStatusCode().value()).isEqualTo(503);
		assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("2");
		assertThat(answer.getBody()).isNotNull();
		assertThat(answer.getBody().getProperties()).containsEntry("code", "SERVER_BUSY");
		assertThat(answer.getBody().getDetail()).contains("Nothing was changed");
	}

}
