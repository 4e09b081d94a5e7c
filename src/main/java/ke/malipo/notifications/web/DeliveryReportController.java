package ke.malipo.notifications.web;

import java.util.Map;

import ke.malipo.notifications.internal.DeliveryReports;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where Africa's Talking posts SMS delivery reports (form fields {@code id},
 * {@code status}, {@code phoneNumber}, {@code failureReason}…), at the address given in
 * its dashboard, which ends with our secret.
 */
@RestController
class DeliveryReportController {

	private static final Map<String, Object> OK = Map.of("received", true);

	private final DeliveryReports reports;

	DeliveryReportController(DeliveryReports reports) {
		this.reports = reports;
	}

	@PostMapping(path = "/api/notifications/sms-reports/{token}",
			consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	Map<String, Object> report(@PathVariable String token, @RequestParam(required = false) @Nullable String id,
			@RequestParam(required = false) @Nullable String status,
			@RequestParam(required = false) @Nullable String failureReason) {
		this.reports.receive(token, id, status, failureReason);
		return OK;
	}

}
