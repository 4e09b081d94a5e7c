package ke.malipo.common.time;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Pages write moments as people in Kenya write dates, in Nairobi's time, saying so. */
class EatTest {

	@Test
	void aMomentReadsDayMonthYearInNairobiTimeWithItsZone() {
		assertThat(Eat.display(Instant.parse("2026-12-05T07:00:00Z"))).isEqualTo("Sat 05/12/2026, 10:00 EAT");
		assertThat(Eat.display(Instant.parse("2026-12-31T21:30:00Z"))).as("after midnight in Nairobi")
			.isEqualTo("Fri 01/01/2027, 00:30 EAT");
	}

}
