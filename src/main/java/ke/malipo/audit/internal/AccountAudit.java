package ke.malipo.audit.internal;

import ke.malipo.identity.AccountEvent;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Records each use of a person's data rights: a download of their data and an erasure of
 * their account. The entry names the account by id only (after an erasure the id is all
 * that is left of them).
 */
@Component
class AccountAudit {

	private final AuditEntries entries;

	AccountAudit(AuditEntries entries) {
		this.entries = entries;
	}

	@ApplicationModuleListener
	void on(AccountEvent event) {
		AuditEntries.Actor actor = new AuditEntries.Actor(event.user().value(), event.role().name(), null);
		String subject = "user:" + event.user().value();
		switch (event) {
			case AccountEvent.PersonalDataExported exported -> this.entries.append(exported.occurredAt(), actor,
					"PERSONAL_DATA_EXPORTED", subject, "the person downloaded a copy of their data");
			case AccountEvent.AccountErased erased ->
				this.entries.append(erased.occurredAt(), actor, "ACCOUNT_ERASED", subject,
						"name, email, phone, password, session notes and notifications removed; money records kept");
		}
	}

}
