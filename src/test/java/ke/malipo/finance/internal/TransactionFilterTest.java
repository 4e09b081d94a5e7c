package ke.malipo.finance.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import ke.malipo.common.problem.FieldProblem;
import ke.malipo.common.problem.InvalidInputException;
import ke.malipo.payments.AttemptState;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

/**
 * The desk's filter is read strictly from the address (every bad parameter named, no
 * query run) and written back to it without loss, so pages and the export select the same
 * transactions.
 */
class TransactionFilterTest {

	@Test
	void blankParametersMeanAny() {
		assertThat(TransactionFilter.parse(" ", "", null, "  ", "")).isEqualTo(TransactionFilter.NONE);
		assertThat(TransactionFilter.NONE.toQuery()).isEmpty();
	}

	@Test
	void everyBadParameterIsNamed() {
		InvalidInputException problem = catchThrowableOfType(InvalidInputException.class,
				() -> TransactionFilter.parse("x".repeat(101), "SETTLED", "27/11/2026", "1999-01-01", "Dr. Otieno"));
		assertThat(problem.code()).isEqualTo("VALIDATION_FAILED");
		assertThat(problem.errors()).extracting(FieldProblem::field)
			.containsExactlyInAnyOrder("q", "status", "from", "to", "psychologist");
	}

	@Test
	void aRangeThatEndsBeforeItStartsIsRefused() {
		InvalidInputException problem = catchThrowableOfType(InvalidInputException.class,
				() -> TransactionFilter.parse(null, null, "2026-11-27", "2026-11-01", null));
		assertThat(problem.errors()).extracting(FieldProblem::field).containsExactly("to");
		assertThat(TransactionFilter.parse(null, null, "2026-11-27", "2026-11-27", null).from())
			.isEqualTo(LocalDate.of(2026, 11, 27));
	}

	@Test
	void statusIsReadWhateverItsCase() {
		assertThat(TransactionFilter.parse(null, "needs_review", null, null, null).state())
			.isEqualTo(AttemptState.NEEDS_REVIEW);
	}

	@Test
	void theQueryReadsBackAsTheSameFilter() {
		qt().withExamples(300)
			.withFixedSeed(39L)
			.forAll(strings().betweenCodePoints(0x20, 0x2FFF).ofLengthBetween(0, 30), integers().between(-1, 5),
					integers().between(0, 400), integers().between(0, 60))
			.assuming((text, state, start, days) -> text.isBlank() || text.strip().length() <= 100)
			.checkAssert((text, state, start, days) -> {
				LocalDate from = LocalDate.of(2026, 1, 1).plusDays(start);
				TransactionFilter filter = TransactionFilter.parse(text,
						(state < 0) ? null : AttemptState.values()[state].name(), from.toString(),
						from.plusDays(days).toString(), UUID.randomUUID().toString());
				Map<String, String> query = Arrays.stream(filter.toQuery().split("&"))
					.map((pair) -> pair.split("=", 2))
					.collect(Collectors.toMap((pair) -> pair[0],
							(pair) -> URLDecoder.decode(pair[1], StandardCharsets.UTF_8)));
				assertThat(TransactionFilter.parse(query.get("q"), query.get("status"), query.get("from"),
						query.get("to"), query.get("psychologist")))
					.isEqualTo(filter);
			});
	}

}
