package ke.malipo.daraja.internal;

import ke.malipo.daraja.CredentialReport;
import ke.malipo.daraja.Daraja;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * {@code --check-mpesa}: checks the M-Pesa settings against Daraja, prints what is wrong
 * in plain words, and exits (0 when everything works, 2 otherwise) instead of serving.
 */
@Component
class CheckMpesaCommand implements ApplicationRunner {

	private final Daraja daraja;

	private final ApplicationContext context;

	CheckMpesaCommand(Daraja daraja, ApplicationContext context) {
		this.daraja = daraja;
		this.context = context;
	}

	@Override
	public void run(ApplicationArguments arguments) {
		if (!arguments.containsOption("check-mpesa")) {
			return;
		}
		CredentialReport report = this.daraja.checkCredentials();
		System.out.println();
		System.out.println("M-Pesa check (" + report.environment().name().toLowerCase() + "): "
				+ (report.ok() ? "OK" : "PROBLEM") + " - token in " + report.tokenMillis() + " ms");
		report.findings().forEach((finding) -> System.out.println("  - " + finding));
		int code = report.ok() ? 0 : 2;
		System.exit(SpringApplication.exit(this.context, (ExitCodeGenerator) () -> code));
	}

}
