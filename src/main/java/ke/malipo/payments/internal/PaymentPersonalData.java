package ke.malipo.payments.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import ke.malipo.identity.PersonalDataHolder;
import ke.malipo.identity.UserId;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Payments' part of a person's data rights. Payments are money records: kept whole for
 * the five years tax law requires (they stay pseudonymous once identity has erased the
 * account they point to), so erasure removes nothing here; it waits while a payment is
 * still being settled.
 */
@Component
class PaymentPersonalData implements PersonalDataHolder {

	private final JdbcClient jdbc;

	PaymentPersonalData(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public String section() {
		return "payments";
	}

	@Override
	public Object export(UserId user) {
		List<Map<String, @Nullable Object>> paid = this.jdbc.sql("""
				select id, session_id, amount as amount_kes, phone, reference, state, receipt, result_code,
				       created_at::text as created_at, updated_at::text as updated_at
				  from payments.attempts where client_id = :user order by created_at, id
				""").param("user", user.value()).query().listOfRows();
		List<Map<String, @Nullable Object>> received = this.jdbc.sql("""
				select id, session_id, amount as amount_kes, state, receipt, created_at::text as created_at
				  from payments.attempts where psychologist_id = :user order by created_at, id
				""").param("user", user.value()).query().listOfRows();
		return Map.of("made", paid, "received", received);
	}

	@Override
	public Optional<String> erasureBlocker(UserId user) {
		boolean unsettled = this.jdbc.sql("""
				select exists (select 1 from payments.attempts
				 where client_id = :user and state not in ('PAID', 'FAILED'))
				""").param("user", user.value()).query(Boolean.class).single();
		return unsettled
				? Optional.of("A payment of yours is still being confirmed with M-Pesa; try again once it is settled.")
				: Optional.empty();
	}

	@Override
	public void erase(UserId user) {
		// Money records stay (see the class comment).
	}

}
