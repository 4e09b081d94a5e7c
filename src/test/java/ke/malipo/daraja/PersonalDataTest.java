package ke.malipo.daraja;

import ke.malipo.support.Fixtures;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stored Daraja bodies keep what reconciliation and evidence need, not the payer's full
 * number or name (issue 13).
 */
class PersonalDataTest {

	@Test
	void aCallbackKeepsEverythingButThePayersFullNumber() {
		String raw = Fixtures.daraja("callback-success.json");
		String kept = PersonalData.redact(raw);
		assertThat(kept).doesNotContain("254708374149").contains("2547*****149");
		StkCallback before = StkCallbacks.parse(raw);
		StkCallback after = StkCallbacks.parse(kept);
		assertThat(after.checkoutRequestId()).isEqualTo(before.checkoutRequestId());
		assertThat(after.merchantRequestId()).isEqualTo(before.merchantRequestId());
		assertThat(after.resultCode()).isEqualTo(before.resultCode());
		StkCallback.Paid paid = (StkCallback.Paid) after;
		assertThat(paid.receipt()).isEqualTo(((StkCallback.Paid) before).receipt());
		assertThat(paid.amount()).isEqualTo(((StkCallback.Paid) before).amount());
		assertThat(paid.transactionDate()).isEqualTo(((StkCallback.Paid) before).transactionDate());
		assertThat(paid.phoneNumber()).isEqualTo("2547*****149");
	}

	@Test
	void aStatusResultKeepsTheMerchantButNotThePayer() {
		String kept = PersonalData.redact(Fixtures.daraja("transaction-status-result.json"));
		assertThat(kept).doesNotContain("0708374149", "JANE", "WANJIKU")
			.contains("0708***149 - J. W.")
			.contains("174379 - MALIPO THERAPY")
			.contains("TBN31H462N");
	}

	@Test
	void namesAndNumbersAnywhereInTheBodyAreMasked() {
		String kept = PersonalData.redact("""
				{"FirstName":"Achieng","MiddleName":"Atieno","LastName":"Odhiambo","MSISDN":"254712345678",
				 "Item":[{"Name":"PhoneNumber","Value":254711222333}],"TransAmount":"1500.00"}""");
		assertThat(kept).doesNotContain("Achieng", "Atieno", "Odhiambo", "254712345678", "254711222333")
			.contains("\"FirstName\":\"A.\"")
			.contains("\"TransAmount\":\"1500.00\"");
	}

	@Test
	void oddNumbersNeverStopABodyBeingKept() {
		String kept = PersonalData
			.redact("{\"Item\":[{\"Name\":1e400,\"Value\":1e400},{\"Name\":\"PhoneNumber\",\"Value\":254712345678}]}");
		assertThat(kept).doesNotContain("254712345678");
	}

	@Test
	void aBodyThatIsNotJsonIsMaskedAsText() {
		assertThat(PersonalData.redact("<html>paid by 254712345678</html>")).doesNotContain("254712345678");
	}

}
