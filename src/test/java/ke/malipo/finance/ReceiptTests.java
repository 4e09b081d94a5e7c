package ke.malipo.finance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import ke.malipo.payments.PaymentTestSupport;
import ke.malipo.support.Api;
import ke.malipo.support.Api.Account;
import ke.malipo.support.MalipoIntegrationTest;
import ke.malipo.support.Projections;
import ke.malipo.support.TestPhones;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The PDF receipt of a paid session: what it says, and who may download it. */
@MalipoIntegrationTest
class ReceiptTests {

	@Autowired
	Api api;

	@Autowired
	JdbcClient jdbc;

	@Value("${local.server.port}")
	int port;

	private HttpResponse<byte[]> download(String session, String token) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest
				.newBuilder(URI.create("http://localhost:" + this.port + "/api/sessions/" + session + "/receipt.pdf"))
				.header("Authorization", "Bearer " + token)
				.GET()
				.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	@Test
	void aPaidSessionHasAReceiptWithEverythingItShouldSay() throws Exception {
		Account client = this.api.register("CLIENT", null);
		Account psychologist = this.api.psychologist(2350);
		assertThat(this.api
			.call(org.springframework.http.HttpMethod.PUT, "/api/me/profile", psychologist.token(),
					Map.of("licenceNumber", "KCPB/0042"))
			.status()).isEqualTo(200);
		String session = PaymentTestSupport.approvedSession(this.api, client, psychologist, 6);
		assertThat(download(session, client.token()).statusCode()).as("nothing paid yet").isEqualTo(404);

		this.api.post("/api/mpesa/initiate", client.token(),
				Map.of("sessionId", session, "phoneNumber", TestPhones.local(0)));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> "PAID"
				.equals(this.api.get("/api/mpesa/status/" + session, client.token()).text("paymentStatus")));
		String receipt = this.api.get("/api/mpesa/status/" + session, client.token()).text("mpesaReceiptNumber");
		Projections.caughtUp(this.jdbc);

		HttpResponse<byte[]> pdf = download(session, client.token());
		assertThat(pdf.statusCode()).isEqualTo(200);
		assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
		assertThat(pdf.headers().firstValue("Content-Disposition").orElseThrow()).contains(receipt);
		String text = new PdfTextExtractor(new PdfReader(pdf.body())).getTextFromPage(1);
		assertThat(text).contains(receipt)
			.contains("KES 2,350")
			.contains("Test CLIENT")
			.contains("Test PSYCHOLOGIST")
			.contains("Malipo Therapy")
			.contains("174379")
			.contains("EAT")
			.as("what an insurer asks for (issue 14)")
			.containsPattern("Receipt no\\. MLP-[A-Z0-9]{6}")
			.contains("P.O. Box 1234-00100, Nairobi")
			.contains("KRA PIN P051234567X")
			.contains("Psychotherapy session")
			.contains("50 minutes")
			.containsPattern("Licence number\\s*KCPB/0042");

		assertThat(download(session, psychologist.token()).statusCode()).isEqualTo(200);
		assertThat(download(session, this.api.client().token()).statusCode()).isEqualTo(404);
	}

}
