package ke.malipo.audit.internal;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar malipo.jar --verify-audit}: starts against the configured database,
 * verifies the audit trail, prints the result and exits with 0 when it holds and 3 when
 * it does not (naming the first bad entry), so a cron job or an auditor can run it.
 */
@Component
class VerifyAuditCommand implements ApplicationRunner {

	private final AuditVerifier verifier;

	private final ApplicationContext context;

	VerifyAuditCommand(AuditVerifier verifier, ApplicationContext context) {
		this.verifier = verifier;
		this.context = context;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!args.containsOption("verify-audit")) {
			return;
		}
		AuditVerifier.Result result = this.verifier.verify();
		System.out.println(result.ok()
				? "Audit trail verified: " + result.entries() + " entries, " + result.checkpoints() + " checkpoints, "
						+ result.waiting() + " waiting to be chained."
				: "Audit trail BROKEN at entry " + result.firstBadSeq() + ": " + result.reason());
		int code = result.ok() ? 0 : 3;
		System.exit(SpringApplication.exit(this.context, (ExitCodeGenerator) () -> code));
	}

}
