package ke.malipo.booking.internal;

import ke.malipo.identity.PersonalDataHolder;
import ke.malipo.identity.UserId;

import org.springframework.stereotype.Component;

/**
 * A psychologist's hours are part of their data: exported as saved, removed on erasure
 * (days off carry notes only they see).
 */
@Component
class AvailabilityPersonalData implements PersonalDataHolder {

	private final AvailabilityRepository availability;

	AvailabilityPersonalData(AvailabilityRepository availability) {
		this.availability = availability;
	}

	@Override
	public String section() {
		return "hours";
	}

	@Override
	public Object export(UserId user) {
		return this.availability.find(user).map(Object.class::cast).orElse(java.util.Map.of());
	}

	@Override
	public void erase(UserId user) {
		this.availability.delete(user);
	}

}
