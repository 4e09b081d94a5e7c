package ke.malipo.simulator.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.constraints.Pattern;
import ke.malipo.common.pages.PageController;
import ke.malipo.common.phone.Msisdn;
import ke.malipo.common.time.Eat;
import ke.malipo.simulator.internal.SimulatedDaraja;
import ke.malipo.simulator.internal.SimulatedReports;
import ke.malipo.simulator.internal.SimulatedSms;
import ke.malipo.simulator.internal.SimulatedTransaction;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The virtual phone: prompts for numbers set to wait appear here, and a person accepts
 * (with any four digits, which go nowhere and are never stored) or cancels; the SMS the
 * phones received show beside them. Also the org-portal statement export.
 */
@PageController
@Validated
@ConditionalOnBooleanProperty("malipo.simulator.enabled")
class VirtualPhoneController {

	private final SimulatedDaraja daraja;

	private final SimulatedReports reports;

	private final SimulatedSms sms;

	private final java.time.Clock clock;

	VirtualPhoneController(SimulatedDaraja daraja, SimulatedReports reports, SimulatedSms sms, java.time.Clock clock) {
		this.daraja = daraja;
		this.reports = reports;
		this.sms = sms;
		this.clock = clock;
	}

	/** The prompts waiting, and the latest SMS the phones received (beside them). */
	@GetMapping("/simulator/phone")
	String phone(Model model) {
		model.addAttribute("prompts", this.daraja.waitingPrompts().stream().map(Prompt::of).toList());
		model.addAttribute("messages", this.sms.received(null)
			.stream()
			.limit(SMS_SHOWN)
			.map((message) -> new Message(Msisdn.mask(message.to()), message.message(), Eat.display(message.at())))
			.toList());
		return "simulator/phone";
	}

	private static final int SMS_SHOWN = 20;

	/** An SMS as the phone screen shows it, its number masked. */
	record Message(String toMasked, String text, String when) {
	}

	@GetMapping("/simulator/phone/prompts")
	String prompts(Model model) {
		model.addAttribute("prompts", this.daraja.waitingPrompts().stream().map(Prompt::of).toList());
		return "simulator/phone :: prompts";
	}

	@PostMapping("/simulator/phone/{checkoutRequestId}/accept")
	String accept(@PathVariable String checkoutRequestId, @RequestParam(required = false) @Pattern(regexp = "\\d{4}",
			message = "Enter any 4 digits") @Nullable String pin) {
		// The PIN is checked for shape only and dropped here: nothing stores or forwards
		// it (Property 48).
		this.daraja.accept(checkoutRequestId);
		return "redirect:/simulator/phone?answered";
	}

	@PostMapping("/simulator/phone/{checkoutRequestId}/cancel")
	String cancel(@PathVariable String checkoutRequestId) {
		this.daraja.cancel(checkoutRequestId);
		return "redirect:/simulator/phone?cancelled";
	}

	@GetMapping(path = "/simulator/statement.csv")
	@ResponseBody
	ResponseEntity<String> statement(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@RequestParam(defaultValue = "174379") @Pattern(regexp = "\\d{5,7}") String shortcode) {
		Instant start = from.atStartOfDay(Eat.ZONE).toInstant();
		Instant end = to.plusDays(1).atStartOfDay(Eat.ZONE).toInstant();
		// An export of a day in progress ends now, as M-Pesa's would.
		Instant now = Instant.now(this.clock);
		end = end.isAfter(now) ? now : end;
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "csv"))
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"statement-" + from + "-" + to + ".csv\"")
			.body(this.reports.statement(shortcode, start, end));
	}

	/** A prompt as the phone screen shows it. */
	record Prompt(String checkoutRequestId, String phoneMasked, long amount, String business) {

		static Prompt of(SimulatedTransaction transaction) {
			return new Prompt(transaction.checkoutRequestId(), Msisdn.mask(transaction.phone()), transaction.amount(),
					transaction.accountReference());
		}

	}

}
