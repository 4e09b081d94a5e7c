package ke.malipo.identity.internal;

import java.util.ArrayList;
import java.util.List;

import ke.malipo.common.money.Kes;
import ke.malipo.common.phone.Msisdn;
import ke.malipo.identity.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import ke.malipo.common.safety.LiveDeployment;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Accounts that exist because settings say so: the bootstrap administrator (any mode) and
 * the demo client, psychologist and admin of the local run, whose sign-ins are printed at
 * start. Production refuses to start with demo accounts switched on.
 */
@Component
class StartupAccounts {

	private static final Logger log = LoggerFactory.getLogger(StartupAccounts.class);

	static final List<Registration.NewAccount> DEMO = List.of(
			new Registration.NewAccount("Wanjiru Demo Client", "client@malipo.local", "demo-client-pass",
					Msisdn.parse("0712 345 678"), Role.CLIENT, null),
			new Registration.NewAccount("Dr. Otieno Demo Psychologist", "psychologist@malipo.local",
					"demo-psychologist-pass", Msisdn.parse("0722 000 111"), Role.PSYCHOLOGIST, Kes.of(1500)),
			new Registration.NewAccount("Amina Demo Admin", "admin@malipo.local", "demo-admin-pass", null, Role.ADMIN,
					null));

	private final IdentitySettings settings;

	private final Registration registration;

	private final UserRepository users;

	StartupAccounts(IdentitySettings settings, Registration registration, UserRepository users,
			Environment environment) {
		// Their passwords are published: never on a real deployment, profile or not.
		LiveDeployment.refuse(environment, settings.demoAccounts(), "Demo accounts", "malipo.identity.demo-accounts");
		this.settings = settings;
		this.registration = registration;
		this.users = users;
	}

	/** First among the start-up listeners: the demo profile and hours build on these. */
	@EventListener(ApplicationReadyEvent.class)
	@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
	void createAccounts() {
		createBootstrapAdmin();
		if (this.settings.demoAccounts()) {
			createDemoAccounts();
		}
	}

	private void createBootstrapAdmin() {
		IdentitySettings.BootstrapAdmin admin = this.settings.bootstrapAdmin();
		if (admin.email() == null || admin.email().isBlank()) {
			return;
		}
		if (admin.password() == null || admin.password().length() < 12) {
			throw new IllegalStateException(
					"malipo.identity.bootstrap-admin.password must have at least 12 characters.");
		}
		if (createIfMissing(
				new Registration.NewAccount(admin.name(), admin.email(), admin.password(), null, Role.ADMIN, null))) {
			log.info("Created administrator {}", admin.email());
		}
	}

	private void createDemoAccounts() {
		List<String> lines = new ArrayList<>();
		for (Registration.NewAccount account : DEMO) {
			createIfMissing(account);
			lines.add(String.format("  %-13s %-28s %s", account.role(), account.email(), account.password()));
		}
		// Laid out as a table without the word the log masking hides: these are the
		// published demo logins of the local run, and a newcomer needs to read them.
		log.info("Demo accounts (local run only), role, email and the password to sign in with:\n{}",
				String.join("\n", lines));
	}

	/** True when created; another node starting at the same moment may win the race. */
	private boolean createIfMissing(Registration.NewAccount account) {
		if (this.users.findByEmail(account.email()).isPresent()) {
			return false;
		}
		try {
			this.registration.create(account);
			return true;
		}
		catch (AccountFailures.EmailTaken ex) {
			// Another node created it at the same moment.
			return false;
		}
	}

}
