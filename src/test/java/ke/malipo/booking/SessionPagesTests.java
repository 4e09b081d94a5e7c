package ke.malipo.booking;

import ke.malipo.payments.PaymentTestSupport;
import ke.malipo.support.Api;
import ke.malipo.support.Api.Account;
import ke.malipo.support.MalipoIntegrationTest;
import ke.malipo.support.PageSession;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the sessions pages say to whom (issue 14): approving, declining and cancelling say
 * what happened and who was told; declining and cancelling take a reason and a second,
 * explicit press; a request awaiting approval is not shown as "Unpaid".
 */
@MalipoIntegrationTest
class SessionPagesTests {

	@Autowired
	Api api;

	@LocalServerPort
	int port;

	/**
	 * The list refreshes itself every few seconds; while nothing changed it is left alone
	 * (204), so keyboard focus and a screen reader's place stay where they were.
	 */
	@Test
	void theRefreshingListIsReplacedOnlyWhenSomethingChanged() throws Exception {
		Account client = this.api.client();
		Account psychologist = this.api.psychologist(1900);
		String session = PaymentTestSupport.requestedSession(this.api, client, psychologist, 5, 7);
		PageSession pages = new PageSession(this.port).signIn(psychologist);
		java.util.regex.Matcher since = java.util.regex.Pattern.compile("since=([0-9a-f]+)")
			.matcher(pages.get("/sessions").body());
		assertThat(since.find()).isTrue();
		java.net.http.HttpResponse<String> unchanged = pages.get("/sessions/rows?page=0&since=" + since.group(1));
		assertThat(unchanged.statusCode()).isEqualTo(204);
		assertThat(unchanged.body()).isEmpty();

		assertThat(this.api.post("/api/sessions/" + session + "/approve", psychologist.token(), null).status())
			.isEqualTo(200);
		java.net.http.HttpResponse<String> changed = pages.get("/sessions/rows?page=0&since=" + since.group(1));
		assertThat(changed.statusCode()).isEqualTo(200);
		assertThat(changed.body()).contains("Approved").doesNotContain("since=" + since.group(1));
	}

	@Test
	void approvingSaysUntilWhenTheClientMayPay() throws Exception {
		Account client = this.api.register("CLIENT", null, "Wambui Njoroge");
		Account psychologist = this.api.psychologist(1900);
		String session = PaymentTestSupport.requestedSession(this.api, client, psychologist, 5, 1);
		PageSession pages = new PageSession(this.port).signIn(psychologist);
		String list = pages.get("/sessions").body();
		assertThat(list).contains("Payable once approved").doesNotContain(">Unpaid<");
		pages.post("/sessions/" + session + "/approve", "", list);
		assertThat(pages.get("/sessions").body()).contains("Approved. Wambui Njoroge has until")
			.contains("the session is confirmed once M-Pesa confirms the payment");
	}

	@Test
	void aDeclineCarriesItsReasonToTheClient() throws Exception {
		Account client = this.api.client();
		Account psychologist = this.api.register("PSYCHOLOGIST", 1900L, "Dr Achieng Oduya");
		String session = PaymentTestSupport.requestedSession(this.api, client, psychologist, 5, 3);
		PageSession pages = new PageSession(this.port).signIn(psychologist);
		String list = pages.get("/sessions").body();
		assertThat(list).contains("Decline…").contains("Decline this request").contains("name=\"reason\"");
		pages.post("/sessions/" + session + "/decline", "reason=" + PageSession.enc("Fully booked that week"), list);
		assertThat(pages.get("/sessions").body()).contains("has been told, with your reason.");

		String seen = new PageSession(this.port).signIn(client).get("/sessions/" + session).body();
		assertThat(seen).contains("Fully booked that week").contains("No payment due");
	}

	@Test
	void cancellingAsksForASecondPressAndSaysWhoWasTold() throws Exception {
		Account client = this.api.client();
		Account psychologist = this.api.register("PSYCHOLOGIST", 1900L, "Dr Mutua Kamau");
		String session = PaymentTestSupport.approvedSession(this.api, client, psychologist, 6, 5);
		PageSession pages = new PageSession(this.port).signIn(client);
		String list = pages.get("/sessions").body();
		assertThat(list).contains("Cancel…").contains("Yes, cancel this session");
		pages.post("/sessions/" + session + "/cancel", "reason=", list);
		assertThat(pages.get("/sessions").body()).contains("Cancelled. Dr Mutua Kamau has been told.");
	}

}
