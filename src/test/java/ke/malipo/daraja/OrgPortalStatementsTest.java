package ke.malipo.daraja;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static ke.malipo.support.Fixtures.daraja;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrgPortalStatementsTest {

	@Test
	void readsTheFixtureWithPreambleQuotedAmountsChargesAndFailures() {
		List<StatementLine> lines = OrgPortalStatements.parse(daraja("org-portal-statement.csv"));
		assertThat(lines).hasSize(4);
		StatementLine first = lines.get(0);
		assertThat(first.receipt().value()).isEqualTo("TK1AB2CD3E");
		assertThat(first.paidIn()).isEqualTo(1500L);
		assertThat(first.completedAt()).isEqualTo(Instant.parse("2025-11-01T06:15:22Z"));
		assertThat(first.accountNumber()).isEqualTo("MalipoS1042");
		assertThat(first.isCompletedPayment()).isTrue();
		StatementLine charge = lines.get(1);
		assertThat(charge.withdrawn()).isEqualTo(15L);
		assertThat(charge.linkedTransactionId()).isEqualTo("TK1AB2CD3E");
		assertThat(charge.isCompletedPayment()).isFalse();
		assertThat(lines.get(3).status()).isEqualTo("Failed");
		assertThat(lines.get(3).isCompletedPayment()).isFalse();
		assertThat(lines).filteredOn(StatementLine::isCompletedPayment)
			.extracting(StatementLine::paidIn)
			.containsExactly(1500L, 2000L);
	}

	@Test
	void personalSevenColumnLayoutWithIsoDates() {
		List<StatementLine> lines = OrgPortalStatements.parse("""
				Receipt No.,Completion Time,Details,Transaction Status,Paid In,Withdrawn,Balance
				TK9ZZ1AAAA,2025-11-02 10:00:00,Received from 2547****0001,Completed,250.00,,1250.00
				""");
		assertThat(lines).singleElement().satisfies((line) -> {
			assertThat(line.paidIn()).isEqualTo(250L);
			assertThat(line.completedAt()).isEqualTo(Instant.parse("2025-11-02T07:00:00Z"));
			assertThat(line.accountNumber()).isNull();
		});
	}

	@Test
	void withoutAHeaderOrWithBadRowsItSaysWhere() {
		assertThatThrownBy(() -> OrgPortalStatements.parse("just,some,text\n1,2,3\n"))
			.isInstanceOf(InvalidDarajaPayloadException.class)
			.hasMessageContaining("Receipt No.");
		assertThatThrownBy(() -> OrgPortalStatements.parse("""
				Receipt No.,Completion Time,Details,Transaction Status,Paid In,Withdrawn,Balance
				TK9ZZ1AAAA,yesterday,x,Completed,250.00,,1250.00
				""")).isInstanceOf(InvalidDarajaPayloadException.class).hasMessageContaining("line 2");
	}

}
