package ke.malipo.identity.internal;

import java.util.ArrayList;
import java.util.List;

import ke.malipo.common.phone.Msisdn;
import ke.malipo.common.problem.FieldProblem;
import ke.malipo.common.problem.InvalidInputException;
import ke.malipo.common.problem.MalipoException;
import ke.malipo.common.problem.NotFoundException;
import ke.malipo.identity.CurrentUser;
import ke.malipo.identity.Role;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a person changes about themselves: their name, their M-Pesa number and, for a
 * psychologist, their rate. A new rate prices requests made from now on; sessions already
 * requested keep the price they were asked at. Email and role do not change here.
 */
@Service
public class AccountDetails {

	private final UserRepository users;

	AccountDetails(UserRepository users) {
		this.users = users;
	}

	/** The changes asked for; null leaves a detail as it is, a blank phone removes it. */
	public record Change(@Nullable String name, @Nullable String phoneNumber, @Nullable Long sessionRate) {
	}

	@Transactional
	public User change(CurrentUser who, Change change) {
		User user = this.users.findById(who.id())
			.orElseThrow(() -> new NotFoundException("USER_NOT_FOUND", "This account no longer exists."));
		List<FieldProblem> problems = new ArrayList<>();
		String name = user.name();
		if (change.name() != null) {
			name = change.name().strip();
			if (name.isEmpty() || name.length() > 100 || name.chars().anyMatch(Character::isISOControl)) {
				problems.add(new FieldProblem("name", "must be 1 to 100 characters on one line"));
			}
		}
		String phone = (user.phoneNumber() != null) ? user.phoneNumber().value() : null;
		if (change.phoneNumber() != null) {
			if (change.phoneNumber().isBlank()) {
				phone = null;
			}
			else {
				try {
					phone = Msisdn.parse(change.phoneNumber()).value();
				}
				catch (MalipoException | IllegalArgumentException ex) {
					problems.add(new FieldProblem("phoneNumber", "must be a Kenyan mobile number, e.g. 0712 345 678"));
				}
			}
		}
		Long rate = (user.sessionRate() != null) ? user.sessionRate().shillings() : null;
		if (change.sessionRate() != null) {
			if (user.role() != Role.PSYCHOLOGIST) {
				problems.add(new FieldProblem("sessionRate", "only psychologists have a session rate"));
			}
			else if (change.sessionRate() < 1 || change.sessionRate() > 250_000) {
				problems.add(new FieldProblem("sessionRate",
						"must be whole KES from 1 to 250,000 (M-Pesa's limit for one payment)"));
			}
			else {
				rate = change.sessionRate();
			}
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		this.users.updateDetails(user.id(), name, phone, rate);
		return this.users.findById(user.id()).orElseThrow();
	}

}
