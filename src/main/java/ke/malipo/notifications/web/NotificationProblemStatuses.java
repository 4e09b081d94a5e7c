package ke.malipo.notifications.web;

import java.util.Map;

import ke.malipo.common.problem.MalipoException;
import ke.malipo.common.problem.ProblemStatuses;
import ke.malipo.notifications.internal.DeliveryReports;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** How notifications' failures read over HTTP. */
@Component
class NotificationProblemStatuses implements ProblemStatuses {

	@Override
	public Map<Class<? extends MalipoException>, HttpStatus> statuses() {
		return Map.of(DeliveryReports.ReportRefused.class, HttpStatus.FORBIDDEN);
	}

}
