package ke.malipo.profiles.internal;

import java.time.Clock;
import java.util.List;

import ke.malipo.identity.UserDirectory;
import ke.malipo.profiles.PracticeMode;
import ke.malipo.profiles.PsychologistProfile;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The local run's demo psychologist gets a profile, so the directory shows what one looks
 * like. Only where demo accounts are on (never on a real deployment), and never over one
 * the psychologist has written.
 */
@Component
@ConditionalOnProperty(name = "malipo.identity.demo-accounts", havingValue = "true")
class DemoProfile {

	static final String DEMO_PSYCHOLOGIST = "psychologist@malipo.local";

	private final UserDirectory users;

	private final ProfileRepository profiles;

	private final Clock clock;

	DemoProfile(UserDirectory users, ProfileRepository profiles, Clock clock) {
		this.users = users;
		this.profiles = profiles;
		this.clock = clock;
	}

	@EventListener(ApplicationReadyEvent.class)
	void write() {
		this.users.byEmail(DEMO_PSYCHOLOGIST)
			.filter((id) -> this.profiles.find(id).isEmpty())
			.ifPresent((id) -> this.profiles.save(new PsychologistProfile(id,
					"Counselling psychologist. I help adults with anxiety, low mood, grief and stress at work, "
							+ "with cognitive behavioural therapy.\nSessions in English or Kiswahili.",
					List.of("Anxiety", "Depression", "Grief", "CBT"), List.of("English", "Kiswahili"),
					PracticeMode.BOTH, "Westlands, Nairobi", "KCPB/DEMO/0001", false,
					"https://meet.jit.si/malipo-demo-otieno"), this.clock.instant()));
	}

}
